package dsgen.localstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Options of {@code ./dsgen up|down|status}, each from its command-line flag, else its environment
 * variable, else its default. The one place these keys, defaults and descriptions live ({@link
 * #HELP} prints them).
 *
 * @param kafkaPort {@code --kafka-port} / {@code DSGEN_KAFKA_PORT} (19092): Kafka broker port
 * @param controllerPort {@code --controller-port} / {@code DSGEN_CONTROLLER_PORT} (19093): KRaft
 *     controller port
 * @param s3Port {@code --s3-port} / {@code DSGEN_S3_PORT} (18081): S3 API port
 * @param dataDir {@code --data} / {@code DSGEN_LOCAL_STACK_DIR} ({@code $DSGEN_HOME/local-stack}):
 *     topics, objects, pid and log files
 * @param bucket {@code --bucket} / {@code DSGEN_S3_BUCKET} (dsgen): bucket created at start
 * @param accessKey {@code --access-key} / {@code DSGEN_S3_ACCESS_KEY}; null = the one stored in the
 *     data folder
 * @param foreground {@code --foreground}: `up` stays attached (logs on the console, Ctrl-C stops);
 *     the default {@code --detach} starts the stack in the background and returns once it is ready
 */
record StackOptions(
    int kafkaPort,
    int controllerPort,
    int s3Port,
    Path dataDir,
    String bucket,
    String accessKey,
    boolean foreground) {

  static final int DEFAULT_KAFKA_PORT = 19092;
  static final int DEFAULT_CONTROLLER_PORT = 19093;
  static final int DEFAULT_S3_PORT = 18081;

  static final String HELP =
      """
            usage: ./dsgen up [--detach | --foreground] [options]   start the local stack (default: in the background)
                   ./dsgen down [options]                            stop it (data is kept)
                   ./dsgen status [options]                          running or not, endpoints, ports answering

            options (flag, else environment variable, else default):
              --kafka-port N        DSGEN_KAFKA_PORT        19092   Kafka broker (PLAINTEXT) port
              --controller-port N   DSGEN_CONTROLLER_PORT   19093   KRaft controller port
              --s3-port N           DSGEN_S3_PORT           18081   S3 API port
              --data DIR            DSGEN_LOCAL_STACK_DIR   $DSGEN_HOME/local-stack (DSGEN_HOME: <repo>/.dsgen)
              --bucket NAME         DSGEN_S3_BUCKET         dsgen   bucket created at start
              --access-key KEY      DSGEN_S3_ACCESS_KEY     stored in <data>/credentials.properties (first up: dsgen-local)
              S3 secret key:        DSGEN_S3_SECRET_KEY     stored in <data>/credentials.properties (first up: random)
              --foreground          stay attached: logs on the console, Ctrl-C or SIGTERM stops the stack
              --detach              (default) run in the background, log to <data>/stack.log, return when ready
            """;

  /** Parses the options after the command word. */
  static StackOptions parse(List<String> args, Map<String, String> env) {
    int kafkaPort = port(env.get("DSGEN_KAFKA_PORT"), DEFAULT_KAFKA_PORT, "DSGEN_KAFKA_PORT");
    int controllerPort =
        port(env.get("DSGEN_CONTROLLER_PORT"), DEFAULT_CONTROLLER_PORT, "DSGEN_CONTROLLER_PORT");
    int s3Port = port(env.get("DSGEN_S3_PORT"), DEFAULT_S3_PORT, "DSGEN_S3_PORT");
    Path dataDir = defaultDataDir(env);
    String bucket = env.getOrDefault("DSGEN_S3_BUCKET", LocalStackConfig.DEFAULT_BUCKET);
    String accessKey = env.get("DSGEN_S3_ACCESS_KEY");
    boolean foreground = false;
    for (Iterator<String> it = args.iterator(); it.hasNext(); ) {
      String flag = it.next();
      switch (flag) {
        case "--kafka-port" -> kafkaPort = port(value(flag, it), 0, flag);
        case "--controller-port" -> controllerPort = port(value(flag, it), 0, flag);
        case "--s3-port" -> s3Port = port(value(flag, it), 0, flag);
        case "--data" -> dataDir = Path.of(value(flag, it));
        case "--bucket" -> bucket = value(flag, it);
        case "--access-key" -> accessKey = value(flag, it);
        case "--foreground" -> foreground = true;
        case "--detach" -> foreground = false;
        default -> throw new IllegalArgumentException("unknown option '" + flag + "'");
      }
    }
    if (kafkaPort == controllerPort || kafkaPort == s3Port || controllerPort == s3Port) {
      throw new IllegalArgumentException(
          "the Kafka ("
              + kafkaPort
              + "), controller ("
              + controllerPort
              + ") and S3 ("
              + s3Port
              + ") ports must differ");
    }
    return new StackOptions(
        kafkaPort,
        controllerPort,
        s3Port,
        dataDir.toAbsolutePath().normalize(),
        bucket,
        accessKey,
        foreground);
  }

  /** The options a detached child needs to start exactly this stack in the foreground. */
  List<String> foregroundArgs() {
    List<String> a =
        new ArrayList<>(
            List.of(
                "--foreground",
                "--kafka-port",
                Integer.toString(kafkaPort),
                "--controller-port",
                Integer.toString(controllerPort),
                "--s3-port",
                Integer.toString(s3Port),
                "--data",
                dataDir.toString(),
                "--bucket",
                bucket));
    if (accessKey != null) {
      a.addAll(List.of("--access-key", accessKey));
    }
    return a;
  }

  private static Path defaultDataDir(Map<String, String> env) {
    String explicit = env.get("DSGEN_LOCAL_STACK_DIR");
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    String home = env.get("DSGEN_HOME");
    Path base =
        home != null && !home.isBlank()
            ? Path.of(home)
            : Path.of(System.getProperty("user.dir"), ".dsgen");
    return base.resolve("local-stack");
  }

  private static String value(String flag, Iterator<String> it) {
    if (!it.hasNext()) {
      throw new IllegalArgumentException("option " + flag + " needs a value");
    }
    return it.next();
  }

  private static int port(String text, int fallback, String source) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      int p = Integer.parseInt(text.strip());
      if (p >= 1 && p <= 65535) {
        return p;
      }
    } catch (NumberFormatException e) {
      // reported below with the name of the option
    }
    throw new IllegalArgumentException(
        source + " must be a port number 1-65535, got '" + text + "'");
  }
}
