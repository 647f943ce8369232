package dsgen.localstack;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./dsgen up|down|status}: the local stack on fixed ports with its data kept under a folder.
 *
 * <p>{@code up} starts in the background by default (so the shell returns) and prints the endpoints
 * once both servers answer; {@code up --foreground} stays attached. {@code down} sends SIGTERM to
 * the stack named by the pid file and waits; the stack's shutdown hook does a controlled Kafka
 * shutdown and stops S3. See {@link StackOptions#HELP}.
 */
public final class LocalStackMain {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
  private static final String HOST = LocalStackConfig.DEFAULT_HOST;

  private final PrintStream out;
  private final Map<String, String> env;

  LocalStackMain(PrintStream out, Map<String, String> env) {
    this.out = out;
    this.env = env;
  }

  public static void main(String[] args) {
    quietThirdPartyLogging();
    String command = args.length == 0 ? "help" : args[0];
    List<String> rest = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
    int code;
    try {
      code = new LocalStackMain(System.out, System.getenv()).run(command, rest);
    } catch (IllegalArgumentException e) {
      System.err.println("dsgen " + command + ": " + e.getMessage());
      System.err.print(StackOptions.HELP);
      code = 2;
    } catch (RuntimeException e) {
      System.err.println("dsgen " + command + ": " + e.getMessage());
      code = 1;
    }
    // `up --foreground` returns only after its shutdown hook ran; everything else is done here
    System.exit(code);
  }

  int run(String command, List<String> args) {
    if (args.contains("--help") || args.contains("-h")) {
      out.print(StackOptions.HELP);
      return 0;
    }
    return switch (command) {
      case "up" -> up(StackOptions.parse(args, env));
      case "down" -> down(StackOptions.parse(args, env));
      case "status" -> status(StackOptions.parse(args, env));
      case "help", "-h", "--help" -> {
        out.print(StackOptions.HELP);
        yield 0;
      }
      default -> throw new IllegalArgumentException("unknown command '" + command + "'");
    };
  }

  private int up(StackOptions options) {
    StackFiles files = new StackFiles(options.dataDir());
    Optional<ProcessHandle> running = RunningStack.find(files);
    if (running.isPresent()) {
      out.println("Local stack already running (pid " + running.get().pid() + ").");
      printEndpoints(files, options);
      return 0;
    }
    checkPortsFree(options);
    Credentials credentials = Credentials.resolve(files, env, options.accessKey());
    if (options.foreground()) {
      return runInForeground(options, files, credentials);
    }
    long t0 = System.nanoTime();
    ProcessHandle stack = BackgroundLauncher.launch(options, files, READY_TIMEOUT);
    out.printf(
        "Local stack started in the background (pid %d, ready after %.1f s). Log: %s%n",
        stack.pid(), (System.nanoTime() - t0) / 1e9, files.logFile());
    printEndpoints(files, options);
    out.println("Stop it with: ./dsgen down");
    return 0;
  }

  private int runInForeground(StackOptions options, StackFiles files, Credentials credentials) {
    Logger log = LoggerFactory.getLogger(LocalStackMain.class);
    LocalStackConfig config =
        LocalStackConfig.persistent(
                options.dataDir(),
                options.kafkaPort(),
                options.controllerPort(),
                options.s3Port(),
                credentials.accessKey(),
                credentials.secretKey())
            .withBucket(options.bucket());
    LocalStack stack = LocalStack.start(config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("Stopping the local stack (signal received)");
                  try {
                    files.deleteRunning();
                    stack.close();
                  } catch (RuntimeException e) {
                    log.error("Local stack did not stop cleanly", e);
                  } finally {
                    stopped.countDown();
                  }
                },
                "local-stack-shutdown"));
    files.writeRunning(stack, ProcessHandle.current().pid());
    out.printf(
        "Local stack ready in %.1f s (pid %d). Ctrl-C or `./dsgen down` stops it.%n",
        stack.startDuration().toMillis() / 1e3, ProcessHandle.current().pid());
    printEndpoints(files, options);
    out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  private int down(StackOptions options) {
    StackFiles files = new StackFiles(options.dataDir());
    Optional<ProcessHandle> running = RunningStack.find(files);
    if (running.isEmpty()) {
      files.deleteRunning();
      out.println("Local stack is not running (" + options.dataDir() + ").");
      return 0;
    }
    ProcessHandle stack = running.get();
    long t0 = System.nanoTime();
    out.println("Stopping the local stack (pid " + stack.pid() + ") ...");
    stack.destroy();
    try {
      stack.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(
          "the local stack (pid "
              + stack.pid()
              + ") did not stop within "
              + STOP_TIMEOUT.toSeconds()
              + " s; see "
              + files.logFile()
              + " (kill -9 "
              + stack.pid()
              + " forces it, at the risk of Kafka recovering its logs on the next start)");
    }
    files.deleteRunning();
    out.printf(
        "Local stack stopped in %.1f s. Data kept in %s%n",
        (System.nanoTime() - t0) / 1e9, options.dataDir());
    return 0;
  }

  /**
   * 0 = running and both ports answer, 1 = running but a port does not answer, 3 = stopped (LSB
   * convention).
   */
  private int status(StackOptions options) {
    StackFiles files = new StackFiles(options.dataDir());
    Optional<ProcessHandle> running = RunningStack.find(files);
    Endpoints endpoints = Endpoints.of(files, options, running.isPresent());
    boolean kafkaUp = PortCheck.answers(HOST, endpoints.kafkaPort());
    boolean s3Up = PortCheck.answers(HOST, endpoints.s3Port());
    out.println(
        running
            .map(p -> "Local stack: running (pid " + p.pid() + ")")
            .orElse("Local stack: stopped"));
    out.printf(
        "  Kafka bootstrap  %-28s %s%n",
        endpoints.bootstrap(), kafkaUp ? "answering" : "not answering");
    out.printf(
        "  S3 endpoint      %-28s %s%n",
        endpoints.s3Endpoint(), s3Up ? "answering" : "not answering");
    out.println("  bucket           " + endpoints.bucket());
    out.println("  data             " + options.dataDir());
    if (running.isEmpty()) {
      if (kafkaUp || s3Up) {
        out.println("  (something else is listening on a port the stack would use)");
      }
      return 3;
    }
    return kafkaUp && s3Up ? 0 : 1;
  }

  private void printEndpoints(StackFiles files, StackOptions options) {
    Endpoints e = Endpoints.of(files, options, true);
    String where =
        files.readProperties(files.credentialsFile()).isPresent()
                && env.get("DSGEN_S3_SECRET_KEY") == null
            ? files.credentialsFile().toString()
            : "environment variable DSGEN_S3_SECRET_KEY";
    out.println("  Kafka bootstrap  " + e.bootstrap());
    out.println(
        "  S3 endpoint      " + e.s3Endpoint() + "  (path-style, region " + e.region() + ")");
    out.println("  bucket           " + e.bucket());
    out.println("  S3 access key    " + e.accessKey());
    out.println("  S3 secret key    in " + where);
    out.println("  data             " + options.dataDir());
    out.println("  service config   set -a; . " + files.servicesEnvFile() + "; set +a");
  }

  private static void checkPortsFree(StackOptions options) {
    for (int port : new int[] {options.kafkaPort(), options.controllerPort(), options.s3Port()}) {
      if (!PortCheck.free(HOST, port)) {
        throw new IllegalStateException(
            "port "
                + port
                + " on "
                + HOST
                + " is already in use by another "
                + "process; pick other ports (--kafka-port, --controller-port, --s3-port) or stop that process");
      }
    }
  }

  /**
   * slf4j-simple reads its levels once, when the first logger is made: Kafka's and S3Proxy's INFO
   * chatter goes, their warnings and the stack's own start/stop lines stay. A {@code
   * -Dorg.slf4j.simpleLogger...} flag wins.
   */
  private static void quietThirdPartyLogging() {
    Map<String, String> levels =
        Map.of(
            "org.slf4j.simpleLogger.defaultLogLevel", "warn",
            "org.slf4j.simpleLogger.log.dsgen", "info",
            "org.slf4j.simpleLogger.log.kafka.server.KafkaRaftServer", "info",
            "org.slf4j.simpleLogger.showDateTime", "true",
            "org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd HH:mm:ss.SSS");
    levels.forEach(
        (key, value) -> {
          if (System.getProperty(key) == null) {
            System.setProperty(key, value);
          }
        });
  }

  /** Endpoints as the running stack wrote them, or as configured when it is not running. */
  private record Endpoints(
      String bootstrap,
      int kafkaPort,
      String s3Endpoint,
      int s3Port,
      String bucket,
      String region,
      String accessKey) {

    static Endpoints of(StackFiles files, StackOptions options, boolean preferRunning) {
      Optional<Properties> written = preferRunning ? files.readEndpoints() : Optional.empty();
      if (written.isPresent()) {
        Properties p = written.get();
        String bootstrap = p.getProperty("kafka.bootstrap.servers");
        String s3 = p.getProperty("s3.endpoint");
        return new Endpoints(
            bootstrap,
            portOf(bootstrap),
            s3,
            portOf(s3),
            p.getProperty("s3.bucket"),
            p.getProperty("s3.region"),
            p.getProperty("s3.access-key"));
      }
      return new Endpoints(
          HOST + ":" + options.kafkaPort(),
          options.kafkaPort(),
          "http://" + HOST + ":" + options.s3Port(),
          options.s3Port(),
          options.bucket(),
          LocalStackConfig.DEFAULT_REGION,
          options.accessKey() == null ? "(see credentials.properties)" : options.accessKey());
    }

    private static int portOf(String hostPort) {
      return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
    }
  }
}
