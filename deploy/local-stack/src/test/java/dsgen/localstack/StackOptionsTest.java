package dsgen.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackOptionsTest {

  @Test
  void defaultsAreTheDocumentedPortsUnderDsgenHome() {
    StackOptions o = StackOptions.parse(List.of(), Map.of("DSGEN_HOME", "/repo/.dsgen"));
    assertEquals(19092, o.kafkaPort());
    assertEquals(19093, o.controllerPort());
    assertEquals(18081, o.s3Port());
    assertEquals(Path.of("/repo/.dsgen/local-stack"), o.dataDir());
    assertEquals("dsgen", o.bucket());
    assertNull(o.accessKey());
    assertFalse(o.foreground(), "up detaches by default");
  }

  @Test
  void flagsWinOverEnvironmentWhichWinsOverDefaults() {
    Map<String, String> env =
        Map.of(
            "DSGEN_KAFKA_PORT",
            "29092",
            "DSGEN_S3_PORT",
            "28081",
            "DSGEN_LOCAL_STACK_DIR",
            "/data/stack",
            "DSGEN_S3_ACCESS_KEY",
            "from-env");
    StackOptions o = StackOptions.parse(List.of("--kafka-port", "39092", "--foreground"), env);
    assertEquals(39092, o.kafkaPort());
    assertEquals(28081, o.s3Port());
    assertEquals(19093, o.controllerPort());
    assertEquals(Path.of("/data/stack"), o.dataDir());
    assertEquals("from-env", o.accessKey());
    assertTrue(o.foreground());
  }

  @Test
  void badValuesNameTheOptionOrVariable() {
    var bad =
        assertThrows(
            IllegalArgumentException.class,
            () -> StackOptions.parse(List.of("--s3-port", "80000"), Map.of()));
    assertTrue(bad.getMessage().contains("--s3-port"), bad.getMessage());
    var badEnv =
        assertThrows(
            IllegalArgumentException.class,
            () -> StackOptions.parse(List.of(), Map.of("DSGEN_KAFKA_PORT", "x")));
    assertTrue(badEnv.getMessage().contains("DSGEN_KAFKA_PORT"), badEnv.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> StackOptions.parse(List.of("--kafka-port"), Map.of()));
    assertThrows(
        IllegalArgumentException.class, () -> StackOptions.parse(List.of("--verbose"), Map.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> StackOptions.parse(List.of("--kafka-port", "18081"), Map.of()),
        "port clash with S3");
  }

  @Test
  void foregroundArgsReproduceTheSameStack() {
    StackOptions o =
        StackOptions.parse(
            List.of(
                "--kafka-port",
                "1111",
                "--controller-port",
                "2222",
                "--s3-port",
                "3333",
                "--data",
                "/x/y",
                "--bucket",
                "b-1",
                "--access-key",
                "ak"),
            Map.of());
    StackOptions again = StackOptions.parse(o.foregroundArgs(), Map.of());
    assertEquals(new StackOptions(1111, 2222, 3333, Path.of("/x/y"), "b-1", "ak", true), again);
  }
}
