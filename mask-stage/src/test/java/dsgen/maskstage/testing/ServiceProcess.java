package dsgen.maskstage.testing;

import dsgen.localstack.LocalStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged mask-stage service ({@code target/quarkus-app/quarkus-run.jar}, path in the system
 * property {@code dsgen.maskstage.runner}) as a separate process, configured through environment
 * variables as an operator would, against a {@link LocalStack}.
 */
public final class ServiceProcess implements AutoCloseable {

  private final Process process;
  private final int httpPort;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private ServiceProcess(Process process, int httpPort) {
    this.process = process;
    this.httpPort = httpPort;
  }

  /** Starts the service and waits until it reports ready (Kafka Streams running). */
  public static ServiceProcess start(
      LocalStack stack, Path stateDir, Path log, Map<String, String> extraEnv)
      throws IOException, InterruptedException {
    String jar = System.getProperty("dsgen.maskstage.runner");
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      throw new IllegalStateException(
          "quarkus-run.jar not built (dsgen.maskstage.runner=" + jar + ")");
    }
    int port = freePort();
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx512m",
            "-jar",
            jar);
    Map<String, String> env = pb.environment();
    stack
        .serviceProperties()
        .forEach((key, value) -> env.put(key.toUpperCase().replaceAll("[^A-Z0-9]", "_"), value));
    env.put("DSGEN_MASK_STAGE_STATE_DIR", stateDir.toString());
    // a restarted instance should get the partitions of the one it replaces quickly
    env.put("DSGEN_MASK_STAGE_SESSION_TIMEOUT_MS", "6000");
    env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
    env.putAll(extraEnv);
    pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    ServiceProcess service = new ServiceProcess(pb.start(), port);
    service.awaitReady(Duration.ofSeconds(120), log);
    return service;
  }

  public Process process() {
    return process;
  }

  /** GET of a path on the service's HTTP port; status and body. */
  public HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** SIGKILL: no shutdown hook runs, nothing is committed or closed. */
  public int kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the service did not die on SIGKILL");
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy(); // SIGTERM: Quarkus closes Kafka Streams
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
      }
    }
  }

  private void awaitReady(Duration timeout, Path log) throws InterruptedException, IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the service exited with " + process.exitValue() + "; log:\n" + tail(log));
      }
      try {
        if (get("/q/health/ready").statusCode() == 200) {
          return;
        }
      } catch (IOException notYetListening) {
        // keep waiting
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(
        "the service was not ready after " + timeout + "; log:\n" + tail(log));
  }

  private static String tail(Path log) throws IOException {
    String text = Files.readString(log);
    return text.length() <= 6000 ? text : text.substring(text.length() - 6000);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
