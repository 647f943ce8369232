package dsgen.localstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Apache Kafka node in this JVM, in KRaft combined mode (broker and controller), formatted
 * once.
 *
 * <p>Its settings are those a single node needs for Kafka Streams exactly-once and share groups:
 * every internal topic with replication factor 1 and min.isr 1. The log dir is formatted only when
 * it holds no {@code meta.properties}, so a persistent data folder keeps its cluster id, topics and
 * records across restarts.
 */
final class KafkaNode {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaNode.class);
  private static final int NODE_ID = 1;

  /** The one user of the SASL/PLAIN listener. */
  static final String SASL_USER = "dsgen";

  private final String host;
  private final int port;
  private final int saslPort;
  private final String saslPassword;
  private final int controllerPort;
  private final Path logDir;
  private final Path configFile;
  private KafkaRaftServer server;

  KafkaNode(
      String host,
      int port,
      int saslPort,
      String saslPassword,
      int controllerPort,
      Path logDir,
      Path configFile) {
    this.host = host;
    this.port = port;
    this.saslPort = saslPort;
    this.saslPassword = saslPassword;
    this.controllerPort = controllerPort;
    this.logDir = logDir;
    this.configFile = configFile;
  }

  String bootstrapServers() {
    return host + ":" + port;
  }

  int port() {
    return port;
  }

  /** The SASL_PLAINTEXT listener (mechanism PLAIN, user {@link #SASL_USER}). */
  String saslBootstrapServers() {
    return host + ":" + saslPort;
  }

  String saslPassword() {
    return saslPassword;
  }

  int controllerPort() {
    return controllerPort;
  }

  /**
   * Formats the log dir when it was never formatted, starts the node and waits until it answers
   * metadata requests.
   */
  synchronized void start(Duration timeout) {
    if (server != null) {
      throw new IllegalStateException(
          "Kafka node on " + bootstrapServers() + " is already running");
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    Properties props = serverProperties();
    writeConfigFile(props);
    if (!isFormatted()) {
      format();
    }
    KafkaRaftServer started = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
    try {
      started.startup();
      awaitMetadata(deadline);
    } catch (RuntimeException e) {
      stopQuietly(started);
      throw e;
    }
    server = started;
  }

  /**
   * Controlled shutdown: the broker hands its partitions back to the controller before both stop.
   */
  synchronized void stop() {
    if (server == null) {
      return;
    }
    KafkaRaftServer running = server;
    server = null;
    running.shutdown();
    running.awaitShutdown();
  }

  synchronized boolean running() {
    return server != null;
  }

  boolean isFormatted() {
    return Files.isRegularFile(logDir.resolve("meta.properties"));
  }

  private Properties serverProperties() {
    String controller = host + ":" + controllerPort;
    Properties p = new Properties();
    p.putAll(
        Map.ofEntries(
            Map.entry("process.roles", "broker,controller"),
            Map.entry("node.id", Integer.toString(NODE_ID)),
            // dynamic quorum: goes with `format --standalone`, no static voter list to keep in sync
            Map.entry("controller.quorum.bootstrap.servers", controller),
            Map.entry(
                "listeners",
                "PLAINTEXT://"
                    + bootstrapServers()
                    + ",SASL_PLAINTEXT://"
                    + saslBootstrapServers()
                    + ",CONTROLLER://"
                    + controller),
            Map.entry(
                "advertised.listeners",
                "PLAINTEXT://"
                    + bootstrapServers()
                    + ",SASL_PLAINTEXT://"
                    + saslBootstrapServers()),
            Map.entry("controller.listener.names", "CONTROLLER"),
            Map.entry("inter.broker.listener.name", "PLAINTEXT"),
            Map.entry(
                "listener.security.protocol.map",
                "PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT"),
            // a second listener that checks a user and password, to test clients' SASL settings
            Map.entry("sasl.enabled.mechanisms", "PLAIN"),
            Map.entry(
                "listener.name.sasl_plaintext.plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required user_"
                    + SASL_USER
                    + "=\""
                    + saslPassword
                    + "\";"),
            Map.entry("log.dirs", logDir.toString()),
            Map.entry("num.partitions", "1"),
            // one node: the defaults (3, min.isr 2) leave Streams exactly-once stuck in REBALANCING
            // without an error
            Map.entry("offsets.topic.replication.factor", "1"),
            Map.entry("transaction.state.log.replication.factor", "1"),
            Map.entry("transaction.state.log.min.isr", "1"),
            Map.entry("share.coordinator.state.topic.replication.factor", "1"),
            Map.entry("share.coordinator.state.topic.min.isr", "1"),
            // 50 partitions each (the default) only slow down the first group join on a single
            // local node
            Map.entry("offsets.topic.num.partitions", "5"),
            Map.entry("transaction.state.log.num.partitions", "5"),
            Map.entry("share.coordinator.state.topic.num.partitions", "5"),
            // nobody else will join: start the first rebalance at once instead of after 3 s
            Map.entry("group.initial.rebalance.delay.ms", "0")));
    return p;
  }

  private void writeConfigFile(Properties props) {
    try (OutputStream out = Files.newOutputStream(configFile)) {
      props.store(
          out, "written by dsgen local stack at each start; edit LocalStack's KafkaNode instead");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write Kafka config " + configFile, e);
    }
  }

  private void format() {
    String clusterId = Uuid.randomUuid().toString();
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int rc;
    try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      rc =
          StorageTool.execute(
              new String[] {
                "format",
                "--cluster-id",
                clusterId,
                "--config",
                configFile.toString(),
                "--standalone",
                "--feature",
                "share.version=1"
              },
              out);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "formatting Kafka log dir "
              + logDir
              + " failed: "
              + e.getMessage()
              + " (tool output: "
              + output.toString(StandardCharsets.UTF_8).strip()
              + ")",
          e);
    }
    if (rc != 0) {
      throw new IllegalStateException(
          "formatting Kafka log dir "
              + logDir
              + " failed with code "
              + rc
              + ": "
              + output.toString(StandardCharsets.UTF_8).strip());
    }
    LOG.info("Formatted Kafka log dir {} (cluster id {}, share groups on)", logDir, clusterId);
  }

  private void awaitMetadata(long deadlineNanos) {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                2000))) {
      while (true) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
          throw new IllegalStateException(
              "Kafka node on " + bootstrapServers() + " not ready in time");
        }
        try {
          if (!admin.describeCluster().nodes().get(left, TimeUnit.NANOSECONDS).isEmpty()) {
            return;
          }
        } catch (ExecutionException | TimeoutException e) {
          LOG.debug("Kafka node not ready yet: {}", e.toString());
        }
        Thread.sleep(50);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "interrupted while waiting for Kafka on " + bootstrapServers(), e);
    }
  }

  private static void stopQuietly(KafkaRaftServer s) {
    try {
      s.shutdown();
      s.awaitShutdown();
    } catch (RuntimeException e) {
      LOG.warn("Kafka node did not stop cleanly after a failed start: {}", e.toString());
    }
  }
}
