package dsgen.worker.support;

import dsgen.localstack.LocalStack;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The packaged worker service ({@code target/quarkus-app/quarkus-run.jar}) as a child process,
 * configured through environment variables as an operator would, talking to the test's local stack.
 */
public final class WorkerProcess implements AutoCloseable {
  private final String id;
  private final Process process;
  private final Path log;
  private final int httpPort;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private WorkerProcess(String id, Process process, Path log, int httpPort) {
    this.id = id;
    this.process = process;
    this.log = log;
    this.httpPort = httpPort;
  }

  /**
   * @param settings dsgen.* keys, passed as DSGEN_* environment variables
   */
  public static WorkerProcess start(
      Path jar, Path logDir, String id, LocalStack stack, Map<String, String> settings)
      throws IOException {
    int port = freePort();
    List<String> command =
        new ArrayList<>(
            List.of(
                javaBin(),
                "-Xmx768m",
                "-Dai.djl.offline=true",
                "-Dquarkus.http.port=" + port,
                "-jar",
                jar.toString()));
    ProcessBuilder pb = new ProcessBuilder(command);
    Map<String, String> env = pb.environment();
    stack.serviceProperties().forEach((k, v) -> env.put(envName(k), v));
    env.put("DSGEN_WORKER_ID", id);
    settings.forEach((k, v) -> env.put(envName(k), v));
    Files.createDirectories(logDir);
    Path log = logDir.resolve(id + ".log");
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    return new WorkerProcess(id, pb.start(), log, port);
  }

  /**
   * dsgen.worker.batch-size -> DSGEN_WORKER_BATCH_SIZE (MicroProfile Config environment mapping).
   */
  public static String envName(String key) {
    return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
  }

  /**
   * Waits until {@code /q/health/ready} answers 200 (model loaded, broker and store reachable,
   * consuming).
   */
  public void awaitReady(Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "worker " + id + " exited with " + process.exitValue() + "; see " + log);
      }
      if (get("/q/health/ready").map(HttpResponse::statusCode).orElse(0) == 200) {
        return;
      }
      Thread.sleep(300);
    }
    throw new IllegalStateException(
        "worker " + id + " not ready after " + timeout + "; see " + log);
  }

  /** GET on the worker's HTTP port; empty when it does not answer (yet). */
  public Optional<HttpResponse<String>> get(String path) throws InterruptedException {
    try {
      return Optional.of(
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** SIGKILL: no shutdown hook, no acknowledgement, no leave-group. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /**
   * SIGTERM, then waits for the process to end; returns its exit code, or -1 when it did not end in
   * time.
   */
  public int terminate(Duration timeout) throws InterruptedException {
    process.destroy();
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
  }

  public String log() throws IOException {
    return Files.readString(log);
  }

  public String id() {
    return id;
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
