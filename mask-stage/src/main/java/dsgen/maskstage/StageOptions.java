package dsgen.maskstage;

import java.time.Duration;

/**
 * Tuning of the mask stage that is not Kafka configuration; the service reads it from {@code
 * dsgen.mask-stage.*}, a replay from its flags.
 *
 * @param jpegQuality quality of the dataset JPEGs, 0..1
 * @param storeRetry how long one object-store call is retried while the store is unreachable
 * @param datasetClassesMaxAge how long the classes of a dataset's jobs are reused before the jobs
 *     store is re-read
 * @param instanceId names this instance in dead letters
 */
public record StageOptions(
    float jpegQuality, Duration storeRetry, Duration datasetClassesMaxAge, String instanceId) {

  public static final float DEFAULT_JPEG_QUALITY = 0.95f;
  public static final Duration DEFAULT_STORE_RETRY = Duration.ofSeconds(60);
  public static final Duration DEFAULT_DATASET_CLASSES_MAX_AGE = Duration.ofSeconds(30);

  public static StageOptions defaults(String instanceId) {
    return new StageOptions(
        DEFAULT_JPEG_QUALITY, DEFAULT_STORE_RETRY, DEFAULT_DATASET_CLASSES_MAX_AGE, instanceId);
  }
}
