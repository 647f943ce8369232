package dsgen.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A packaged dsgen service ({@code <module>/target/quarkus-app/quarkus-run.jar}) as a child
 * process, configured with DSGEN_* environment variables as an operator would, on a free HTTP port,
 * its output in a log file.
 */
final class ServiceProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path log;
  private final int port;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private ServiceProcess(String name, Process process, Path log, int port) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /**
   * @param settings config keys (dsgen.*, kafka.*), passed as environment variables
   */
  static ServiceProcess start(String name, Path jar, Path logDir, Map<String, String> settings)
      throws IOException {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar
              + " is missing: package the "
              + name
              + " module first (./mvnw -B install -DskipTests), the end-to-end test runs the packaged services");
    }
    int port = freePort();
    ProcessBuilder pb =
        new ProcessBuilder(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-Dai.djl.offline=true",
                "-Dquarkus.http.port=" + port,
                "-jar",
                jar.toString()));
    settings.forEach((k, v) -> pb.environment().put(envName(k), v));
    // as ./dsgen does: idle libtorch OpenMP threads would otherwise spin and starve the other
    // services
    pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
    Files.createDirectories(logDir);
    Path log = logDir.resolve(name + ".log");
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    return new ServiceProcess(name, pb.start(), log, port);
  }

  /**
   * kafka.bootstrap.servers -> KAFKA_BOOTSTRAP_SERVERS (MicroProfile Config's environment mapping).
   */
  static String envName(String key) {
    return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
  }

  String name() {
    return name;
  }

  /** The file the process's output goes to. */
  Path log() {
    return log;
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + port);
  }

  void awaitReady(Duration timeout) throws InterruptedException, IOException {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name + " exited with " + process.exitValue() + "; log:\n" + tail());
      }
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(base().resolve("/q/health/ready"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(name + " not ready after " + timeout + "; log:\n" + tail());
  }

  String tail() throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
