package dsgen.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * `./dsgen up` (detached), `status`, `down` end to end: a real background JVM, pid file, SIGTERM,
 * clean exit.
 */
class LocalStackMainTest {

  @Test
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  void upDetachesStatusSeesItDownStopsIt(@TempDir Path dataDir) throws Exception {
    int[] ports = FreePorts.resolve("127.0.0.1", 0, 0, 0);
    List<String> options =
        List.of(
            "--data",
            dataDir.toString(),
            "--kafka-port",
            Integer.toString(ports[0]),
            "--controller-port",
            Integer.toString(ports[1]),
            "--s3-port",
            Integer.toString(ports[2]));
    StackFiles files = new StackFiles(dataDir);

    Result up = run("up", options);
    assertEquals(0, up.code, up.out);
    assertTrue(up.out.contains("S3 access key    dsgen-local"), up.out);
    long pid = files.readPid().orElseThrow();
    assertTrue(
        ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
        "stack process " + pid + " alive");

    String secret = secretOf(files);
    assertFalse(up.out.contains(secret), "up printed the secret");
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(files.credentialsFile())));
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(files.servicesEnvFile())));
    assertTrue(
        Files.readString(files.servicesEnvFile()).contains("DSGEN_STORE_S3_SECRET_KEY=" + secret));

    Result status = run("status", options);
    assertEquals(0, status.code, status.out);
    assertTrue(status.out.contains("running (pid " + pid + ")"), status.out);

    Result again = run("up", options);
    assertEquals(0, again.code, again.out);
    assertTrue(again.out.contains("already running"), again.out);

    Result down = run("down", options);
    assertEquals(0, down.code, down.out);
    assertFalse(
        ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
        "stack process still alive");
    assertFalse(Files.exists(files.pidFile()));
    String log = Files.readString(files.logFile(), StandardCharsets.UTF_8);
    assertTrue(log.contains("Local stack stopped"), "clean stop logged:\n" + log);
    assertFalse(log.contains(secret), "the log holds the secret");
    assertTrue(
        Files.isRegularFile(dataDir.resolve("kafka/meta.properties")), "data kept after down");

    Result stopped = run("status", options);
    assertEquals(3, stopped.code, stopped.out);
    assertTrue(stopped.out.contains("stopped"), stopped.out);
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void downWithAStalePidFileStopsNothing(@TempDir Path dataDir) throws Exception {
    StackFiles files = new StackFiles(dataDir);
    // this test JVM's own pid: alive, but not a local stack, so it must not be signalled
    Files.writeString(files.pidFile(), ProcessHandle.current().pid() + "\n");
    Result down = run("down", List.of("--data", dataDir.toString()));
    assertEquals(0, down.code, down.out);
    assertTrue(down.out.contains("not running"), down.out);
    assertFalse(Files.exists(files.pidFile()), "stale pid file removed");
  }

  private static String secretOf(StackFiles files) {
    Properties p = files.readProperties(files.credentialsFile()).orElseThrow();
    return p.getProperty("secret-key");
  }

  private static Result run(String command, List<String> options) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    int code = new LocalStackMain(out, Map.of()).run(command, options);
    return new Result(code, bytes.toString(StandardCharsets.UTF_8));
  }

  private record Result(int code, String out) {}
}
