package dsgen.localstack;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real Apache Kafka node (KRaft, single node, share groups on, replication factors 1) and an S3
 * API server (S3Proxy on a folder, with the bucket created), both in this JVM. {@link #start}
 * returns once both answer.
 *
 * <p>Data folder layout: {@code kafka/} (the log dir), {@code objects/<bucket>/<key>} (the
 * objects), {@code kafka-server.properties} (the broker settings of the last start, for reference).
 */
public final class LocalStack implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final LocalStackConfig config;
  private final Path dataDir;
  private final KafkaNode kafka;
  private final S3Server s3;
  private Duration startDuration = Duration.ZERO;
  private boolean closed;

  private LocalStack(LocalStackConfig config, Path dataDir) {
    this.config = config;
    this.dataDir = dataDir;
    String host = config.host();
    // the SASL listener takes a free port and a fresh password at every start
    int[] ports =
        FreePorts.resolve(host, config.kafkaPort(), config.controllerPort(), config.s3Port(), 0);
    this.kafka =
        new KafkaNode(
            host,
            ports[0],
            ports[3],
            LocalStackConfig.randomSecret(),
            ports[1],
            dataDir.resolve("kafka"),
            dataDir.resolve("kafka-server.properties"));
    this.s3 =
        new S3Server(
            host, ports[2], dataDir.resolve("objects"), config.accessKey(), config.secretKey());
  }

  /** Starts both servers and creates the bucket; on failure everything started is stopped again. */
  public static LocalStack start(LocalStackConfig config) {
    Path dataDir =
        config.temporary() ? Folders.createTemporary("dsgen-local-stack-") : config.dataDir();
    Folders.create(dataDir);
    LocalStack stack = new LocalStack(config, dataDir);
    try {
      stack.startAll();
    } catch (RuntimeException e) {
      stack.closeQuietly();
      throw e;
    }
    return stack;
  }

  /**
   * S3 (mostly class loading) on a helper thread while Kafka formats and starts: both wait on disk
   * and locks.
   */
  private void startAll() {
    long t0 = System.nanoTime();
    CompletableFuture<Long> s3Ready =
        CompletableFuture.supplyAsync(
            () -> {
              s3.start(START_TIMEOUT);
              createBucket();
              return System.nanoTime();
            },
            runnable -> new Thread(runnable, "local-stack-s3-start").start());
    RuntimeException kafkaFailure = null;
    try {
      kafka.start(START_TIMEOUT);
    } catch (RuntimeException e) {
      kafkaFailure = e;
    }
    // always wait for S3, so that a failed start can stop whatever did start
    try {
      awaitS3(s3Ready);
    } catch (RuntimeException e) {
      kafkaFailure = addTo(kafkaFailure, e);
    }
    if (kafkaFailure != null) {
      throw kafkaFailure;
    }
    startDuration = Duration.ofNanos(System.nanoTime() - t0);
    LOG.info(
        "Local stack ready in {} ms (S3 {} ms): Kafka {}, S3 {} bucket {}, data {}",
        startDuration.toMillis(),
        (s3Ready.join() - t0) / 1_000_000,
        bootstrapServers(),
        s3Endpoint(),
        bucket(),
        config.temporary() ? dataDir + " (temporary)" : dataDir);
  }

  private static void awaitS3(CompletableFuture<Long> s3Ready) {
    try {
      s3Ready.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException("S3 API server failed to start", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the S3 API server", e);
    }
  }

  private void createBucket() {
    try (S3Client client = S3Clients.create(s3Endpoint(), region(), accessKey(), secretKey())) {
      if (S3Clients.ensureBucket(client, bucket())) {
        LOG.info("Created bucket {}", bucket());
      }
    }
  }

  public String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  /**
   * Client settings (as {@code kafka.*} service keys) for the broker's SASL_PLAINTEXT listener,
   * mechanism PLAIN; the password is random per start. For testing that SASL settings reach every
   * client: a client without them cannot use this listener.
   */
  public Map<String, String> saslServiceProperties() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("kafka.bootstrap.servers", kafka.saslBootstrapServers());
    p.put("kafka.security.protocol", "SASL_PLAINTEXT");
    p.put("kafka.sasl.mechanism", "PLAIN");
    p.put(
        "kafka.sasl.jaas.config",
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
            + KafkaNode.SASL_USER
            + "\" password=\""
            + kafka.saslPassword()
            + "\";");
    return Collections.unmodifiableMap(p);
  }

  /** The password of the SASL listener's user (to check that no log carries it). */
  public String saslPassword() {
    return kafka.saslPassword();
  }

  public URI s3Endpoint() {
    return s3.endpoint();
  }

  public String bucket() {
    return config.bucket();
  }

  public String region() {
    return config.region();
  }

  public String accessKey() {
    return config.accessKey();
  }

  public String secretKey() {
    return config.secretKey();
  }

  /** The folder holding the Kafka log dir and the objects (temporary ones are deleted on close). */
  public Path dataDir() {
    return dataDir;
  }

  public int kafkaPort() {
    return kafka.port();
  }

  public int controllerPort() {
    return kafka.controllerPort();
  }

  public int s3Port() {
    return s3.port();
  }

  /** Wall-clock time {@link #start} took until both servers answered. */
  public Duration startDuration() {
    return startDuration;
  }

  /** Configuration every dsgen service reads to reach this stack (keys shared by all services). */
  public Map<String, String> serviceProperties() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("kafka.bootstrap.servers", bootstrapServers());
    p.put("dsgen.store.uri", "s3://" + bucket());
    p.put("dsgen.store.s3.endpoint", s3Endpoint().toString());
    p.put("dsgen.store.s3.region", region());
    p.put("dsgen.store.s3.access-key", accessKey());
    p.put("dsgen.store.s3.secret-key", secretKey());
    p.put("dsgen.store.s3.path-style", "true");
    return Collections.unmodifiableMap(p);
  }

  /**
   * Takes the S3 API server down (connections refused) while Kafka keeps running; objects stay on
   * disk.
   */
  public void stopS3() {
    s3.stop();
    LOG.info("S3 API server stopped ({})", s3Endpoint());
  }

  /** Brings the S3 API server back on the same port with the same objects. */
  public void startS3() {
    s3.start(START_TIMEOUT);
    LOG.info("S3 API server started again ({})", s3Endpoint());
  }

  /**
   * Controlled shutdown of the Kafka node, then a start on the same ports and log dir (topics and
   * records kept).
   */
  public void restartBroker() {
    kafka.stop();
    kafka.start(START_TIMEOUT);
    LOG.info("Kafka node restarted ({})", bootstrapServers());
  }

  /**
   * Stops Kafka (controlled shutdown) and the S3 API server; deletes the data folder when it was
   * temporary.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    RuntimeException failure = null;
    long t0 = System.nanoTime();
    try {
      kafka.stop();
    } catch (RuntimeException e) {
      failure = e;
    }
    long kafkaStopped = System.nanoTime();
    try {
      s3.stop();
    } catch (RuntimeException e) {
      failure = addTo(failure, e);
    }
    long s3Stopped = System.nanoTime();
    if (config.temporary()) {
      try {
        Folders.deleteRecursively(dataDir);
      } catch (RuntimeException e) {
        failure = addTo(failure, e);
      }
    }
    LOG.info(
        "Local stack stopped (Kafka {} in {} ms, S3 {} in {} ms)",
        bootstrapServers(),
        (kafkaStopped - t0) / 1_000_000,
        s3Endpoint(),
        (s3Stopped - kafkaStopped) / 1_000_000);
    if (failure != null) {
      throw failure;
    }
  }

  private void closeQuietly() {
    try {
      close();
    } catch (RuntimeException e) {
      LOG.warn("Cleaning up after a failed start: {}", e.toString());
    }
  }

  private static RuntimeException addTo(RuntimeException first, RuntimeException next) {
    if (first == null) {
      return next;
    }
    first.addSuppressed(next);
    return first;
  }

  @Override
  public String toString() {
    return "LocalStack[kafka="
        + bootstrapServers()
        + ", s3="
        + s3Endpoint()
        + ", bucket="
        + bucket()
        + "]";
  }
}
