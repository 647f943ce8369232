package dsgen.worker.config;

import dsgen.kafka.Topic;
import dsgen.kafka.Topics;
import dsgen.store.StoreConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.microprofile.config.Config;

/**
 * What a worker runs on, as plain values: built from {@link WorkerConfig} inside Quarkus, and from
 * the same {@code application.properties} by SmallRye Config when a test runs several workers in
 * one JVM.
 *
 * @param kafka every {@code kafka.*} key with the prefix removed (bootstrap servers, SASL/TLS
 *     pass-through)
 */
public record WorkerSettings(
    String workerId,
    Path modelDir,
    String device,
    String dtype,
    String modelId,
    String groupId,
    ConsumptionMode consumption,
    int batchSize,
    String captureProfile,
    Duration pollTimeout,
    boolean renewLocks,
    Duration lockDuration,
    int maxDeliveries,
    Duration storeRetryTimeout,
    Duration publishTimeout,
    Duration backoffInitial,
    Duration backoffMax,
    Duration shutdownDeadline,
    Duration jobsCatchUpTimeout,
    TopicSettings topics,
    StoreConfig store,
    Map<String, String> kafka) {

  /**
   * Partition counts used when the worker creates a missing topic ({@code
   * dsgen.topics.<name>.partitions}).
   */
  public record TopicSettings(
      boolean createMissing, int jobs, int prompts, int generations, int deadLetters) {
    /** The topics this worker reads or writes, with the configured partition counts. */
    public List<Topic<?, ?>> used() {
      return List.of(
          Topics.JOBS.withPartitions(jobs),
          Topics.PROMPTS.withPartitions(prompts),
          Topics.GENERATIONS.withPartitions(generations),
          Topics.DEAD_LETTERS.withPartitions(deadLetters));
    }
  }

  public WorkerSettings {
    Objects.requireNonNull(workerId, "workerId");
    Objects.requireNonNull(modelDir, "modelDir");
    Objects.requireNonNull(consumption, "consumption");
    kafka = Map.copyOf(kafka);
    requirePositive("dsgen.worker.batch-size", batchSize);
    requirePositive("dsgen.worker.max-deliveries", maxDeliveries);
    requireIn("dsgen.model.device", device, "auto", "cpu", "gpu", "cuda");
    requireIn("dsgen.model.dtype", dtype, "auto", "float32", "float16");
    if (backoffMax.compareTo(backoffInitial) < 0) {
      throw new IllegalArgumentException(
          "dsgen.worker.backoff.max ("
              + backoffMax
              + ") must not be shorter than dsgen.worker.backoff.initial ("
              + backoffInitial
              + ")");
    }
    if (!kafka.containsKey("bootstrap.servers")) {
      throw new IllegalArgumentException("kafka.bootstrap.servers is not set");
    }
  }

  /**
   * The settings of a configuration: the typed {@code dsgen.} keys, the shared {@code
   * dsgen.store.*} keys (read by {@link StoreConfig}) and the {@code kafka.*} pass-through keys.
   */
  public static WorkerSettings from(WorkerConfig c, Config config) {
    WorkerConfig.Worker w = c.worker();
    return new WorkerSettings(
        w.id().filter(id -> !id.isBlank()).orElseGet(WorkerIds::generate),
        c.model().dir(),
        c.model().device(),
        c.model().dtype(),
        c.model().id().filter(id -> !id.isBlank()).orElse(null),
        w.groupId(),
        w.consumption(),
        w.batchSize(),
        w.captureProfile(),
        w.pollTimeout(),
        w.lock().renew(),
        w.lock().duration(),
        w.maxDeliveries(),
        w.storeRetryTimeout(),
        w.publishTimeout(),
        w.backoff().initial(),
        w.backoff().max(),
        w.shutdownDeadline(),
        w.jobsCatchUpTimeout(),
        new TopicSettings(
            c.topics().createMissing(),
            c.topics().jobs().partitions(),
            c.topics().prompts().partitions(),
            c.topics().generations().partitions(),
            c.topics().deadLetters().partitions()),
        StoreConfig.fromProperties(key -> config.getOptionalValue(key, String.class)),
        KafkaProperties.from(config));
  }

  /** Same settings with another worker id: several workers started from one configuration. */
  public WorkerSettings withWorkerId(String id) {
    return new WorkerSettings(
        id,
        modelDir,
        device,
        dtype,
        modelId,
        groupId,
        consumption,
        batchSize,
        captureProfile,
        pollTimeout,
        renewLocks,
        lockDuration,
        maxDeliveries,
        storeRetryTimeout,
        publishTimeout,
        backoffInitial,
        backoffMax,
        shutdownDeadline,
        jobsCatchUpTimeout,
        topics,
        store,
        kafka);
  }

  public String bootstrapServers() {
    return kafka.get("bootstrap.servers");
  }

  @Override
  public String toString() {
    // kafka.* may carry sasl.jaas.config with a password: only the bootstrap servers are shown.
    return "WorkerSettings[workerId="
        + workerId
        + ", modelDir="
        + modelDir
        + ", device="
        + device
        + ", dtype="
        + dtype
        + ", groupId="
        + groupId
        + ", consumption="
        + consumption
        + ", batchSize="
        + batchSize
        + ", captureProfile="
        + captureProfile
        + ", renewLocks="
        + renewLocks
        + ", lockDuration="
        + lockDuration
        + ", store="
        + store
        + ", bootstrap="
        + bootstrapServers()
        + "]";
  }

  private static void requirePositive(String key, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(key + " must be > 0, got " + value);
    }
  }

  private static void requireIn(String key, String value, String... allowed) {
    for (String a : allowed) {
      if (a.equals(value)) {
        return;
      }
    }
    throw new IllegalArgumentException(
        key + " must be one of " + String.join("|", allowed) + ", got '" + value + "'");
  }
}
