package dsgen.maskstage.service;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;
import java.util.Optional;

/**
 * The service's own settings, {@code dsgen.mask-stage.*}. Defaults and one-line descriptions live
 * in {@code application.properties}; the README's table is checked against that file.
 */
@ConfigMapping(prefix = "dsgen.mask-stage")
public interface MaskStageConfig {

  /** Kafka Streams application id: consumer group, transactional ids, internal topic names. */
  String applicationId();

  /** Stream threads of this instance (each processes a share of the generations partitions). */
  int streamThreads();

  /** Quality of the dataset JPEGs, 0..1. */
  float jpegQuality();

  /** How long one object-store call is retried while the store is unreachable. */
  Duration storeRetry();

  /**
   * How long the classes of a dataset's jobs are reused for labels.json before the jobs table is
   * re-read.
   */
  Duration datasetClassesRefresh();

  /** Name of this instance in dead letters; the host name when unset. */
  Optional<String> instanceId();

  /** Create missing dsgen topics at start-up (idempotent). */
  boolean createTopics();

  /** Folder of the state stores; passed to Kafka Streams as state.dir. */
  String stateDir();

  /** Producer transaction timeout in ms; passed to Kafka Streams. */
  int transactionTimeoutMs();

  /** Consumer session timeout in ms; passed to Kafka Streams. */
  int sessionTimeoutMs();

  /** Records per poll; passed to Kafka Streams. */
  int maxPollRecords();
}
