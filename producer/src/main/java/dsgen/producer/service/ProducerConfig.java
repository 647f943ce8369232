package dsgen.producer.service;

import dsgen.generation.ModelLimits;
import dsgen.producer.api.RequestDefaults;
import dsgen.producer.api.RequestLimits;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * The producer's settings, all under {@code dsgen.producer}; each one is described in
 * application.properties and in the README table (a test checks the three agree). Environment
 * variables override: {@code DSGEN_PRODUCER_...}.
 */
@ConfigMapping(prefix = "dsgen.producer")
public interface ProducerConfig {
  /**
   * Bearer token the job API requires; the producer does not start without one unless
   * dsgen.api.auth=none ({@link ApiConfig}).
   */
  Optional<String> authToken();

  /**
   * Share group of the gpu-workers. The producer sets it to start from the earliest offset (tasks
   * produced before the first worker joined are not lost) and to read committed records only (tasks
   * of an aborted batch never run).
   */
  @WithDefault("dsgen-workers")
  String workerShareGroup();

  Limits limits();

  Defaults defaults();

  Expansion expansion();

  Tracker tracker();

  Metrics metrics();

  Gallery gallery();

  interface Limits {
    @WithDefault("100000")
    long maxImagesPerJob();

    @WithDefault("10000")
    int maxTargetBacklog();

    /** The workers' model: twice its trained side (SD2-base: 2 × 64 × 8). */
    @WithDefault("1024")
    int maxSize();

    /** The workers' model: the steps its DDIM schedule supports (999 for 1000 training steps). */
    @WithDefault("999")
    int maxSteps();

    default RequestLimits toRequestLimits() {
      return new RequestLimits(
          maxImagesPerJob(),
          maxTargetBacklog(),
          ModelLimits.stableDiffusion(maxSize(), maxSteps()));
    }
  }

  interface Defaults {
    @WithDefault("a photo of a {class}")
    String template();

    @WithDefault("50")
    int steps();

    @WithDefault("7.5")
    double guidance();

    @WithDefault("512")
    int size();

    Optional<String> negativePrompt();

    @WithDefault("float16")
    String attentionDtype();

    @WithDefault("compact")
    String attentionEncoding();

    @WithDefault("16")
    int targetBacklog();

    default RequestDefaults toRequestDefaults() {
      return new RequestDefaults(
          template(),
          steps(),
          guidance(),
          size(),
          negativePrompt().orElse(""),
          attentionDtype(),
          attentionEncoding(),
          targetBacklog());
    }
  }

  interface Expansion {
    @WithDefault("100")
    int batchSize();

    @WithDefault("500ms")
    Duration idleInterval();

    @WithDefault("dsgen-producer")
    String transactionalId();

    @WithDefault("60s")
    Duration startTimeout();
  }

  interface Tracker {
    @WithDefault("5")
    int lastErrors();

    /**
     * Read by Quarkus through quarkus.kafka-streams.application-id; declared here so it is
     * documented with the rest.
     */
    @WithDefault("dsgen-producer-tracker")
    String applicationId();

    /** Read by Kafka Streams through kafka-streams.state.dir. */
    String stateDir();

    /**
     * How long the tracker may be REBALANCING (or still starting) before readiness goes DOWN and
     * the job API answers 503.
     */
    @WithDefault("60s")
    Duration readinessGrace();
  }

  interface Metrics {
    /** How often the operator gauges are recomputed from the jobs' statuses. */
    @WithDefault("5s")
    Duration refresh();

    /** How long a finished job keeps its per-job gauges after its last activity. */
    @WithDefault("1h")
    Duration finishedJobRetention();
  }

  interface Gallery {
    /**
     * Budget of the in-memory cache of dataset images, masks and rendered overlays (least recently
     * used first out).
     */
    @WithDefault("64")
    int cacheMegabytes();
  }
}
