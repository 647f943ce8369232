package dsgen.maskstage.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionTest {

  private static final Set<String> OPTIONS = Connection.OPTIONS;

  @TempDir Path home;

  @Test
  void defaultsAreTheLocalStackPorts() {
    Connection c = Connection.resolve(Args.parse(new String[0], OPTIONS), Map.of());
    assertEquals("127.0.0.1:19092", c.bootstrapServers());
    assertEquals("s3://dsgen", c.store().uri());
    assertEquals("http://127.0.0.1:18081", c.store().endpoint());
  }

  @Test
  void flagsBeatEnvironmentWhichBeatsTheLocalStackFiles() throws Exception {
    Path stack = Files.createDirectories(home.resolve("local-stack"));
    Files.writeString(
        stack.resolve("endpoints.properties"),
        "kafka.bootstrap.servers=127.0.0.1:29092\ns3.endpoint=http://127.0.0.1:28081\ns3.bucket=files\n");
    Files.writeString(
        stack.resolve("credentials.properties"), "access-key=from-file\nsecret-key=file-secret\n");
    Map<String, String> env =
        Map.of("DSGEN_HOME", home.toString(), "DSGEN_S3_SECRET_KEY", "env-secret");

    Connection fromFiles = Connection.resolve(Args.parse(new String[0], OPTIONS), env);
    assertEquals("127.0.0.1:29092", fromFiles.bootstrapServers());
    assertEquals("s3://files", fromFiles.store().uri());
    assertEquals("http://127.0.0.1:28081", fromFiles.store().endpoint());
    assertEquals("from-file", fromFiles.store().accessKey());
    assertEquals("env-secret", fromFiles.store().secretKey());
    assertFalse(fromFiles.store().toString().contains("env-secret"), "secrets never shown");

    Connection fromFlags =
        Connection.resolve(
            Args.parse(
                new String[] {"--bootstrap-servers", "h:1", "--store=file:/tmp/objects"}, OPTIONS),
            env);
    assertEquals("h:1", fromFlags.bootstrapServers());
    assertEquals("file", fromFlags.store().scheme());
  }

  @Test
  void unknownOptionsAndMissingValuesAreReported() {
    assertEquals(
        "unknown option --bogus",
        assertThrows(
                Args.UsageException.class, () -> Args.parse(new String[] {"--bogus", "1"}, OPTIONS))
            .getMessage());
    assertEquals(
        "option --store needs a value",
        assertThrows(Args.UsageException.class, () -> Args.parse(new String[] {"--store"}, OPTIONS))
            .getMessage());
  }
}
