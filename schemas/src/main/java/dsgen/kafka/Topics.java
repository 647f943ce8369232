package dsgen.kafka;

import dsgen.records.DeadLetter;
import dsgen.records.Generation;
import dsgen.records.JobSpec;
import dsgen.records.Pair;
import dsgen.records.PromptTask;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;

/** Every dsgen topic. Keys are ids as UTF-8 strings. */
public final class Topics {

  /**
   * Partitions of a topic unless configured otherwise: room for a few workers and mask-stage
   * threads.
   */
  public static final int DEFAULT_PARTITIONS = 6;

  /** How long prompt tasks wait for a worker before they are dropped. */
  public static final Duration PROMPT_RETENTION = Duration.ofDays(7);

  /** Jobs by jobId; compacted, so the latest value is each job's state. */
  public static final Topic<String, JobSpec> JOBS =
      new Topic<>(
          "dsgen.jobs",
          Serdes.String(),
          AvroSerde.of(JobSpec.class),
          DEFAULT_PARTITIONS,
          null,
          true);

  /** Images to generate by imageId; consumed by the gpu-workers as one share group. */
  public static final Topic<String, PromptTask> PROMPTS =
      new Topic<>(
          "dsgen.prompts",
          Serdes.String(),
          AvroSerde.of(PromptTask.class),
          DEFAULT_PARTITIONS,
          PROMPT_RETENTION,
          false);

  /** Finished generations by imageId; kept forever because it is the replay source. */
  public static final Topic<String, Generation> GENERATIONS =
      new Topic<>(
          "dsgen.generations",
          Serdes.String(),
          AvroSerde.of(Generation.class),
          DEFAULT_PARTITIONS,
          null,
          false);

  /** Image/mask pairs by imageId; kept forever (the dataset's index). */
  public static final Topic<String, Pair> PAIRS =
      new Topic<>(
          "dsgen.pairs",
          Serdes.String(),
          AvroSerde.of(Pair.class),
          DEFAULT_PARTITIONS,
          null,
          false);

  /** Records a stage could not handle, by the source record's key; kept forever for operators. */
  public static final Topic<String, DeadLetter> DEAD_LETTERS =
      new Topic<>(
          "dsgen.dead-letters",
          Serdes.String(),
          AvroSerde.of(DeadLetter.class),
          DEFAULT_PARTITIONS,
          null,
          false);

  /**
   * Prefix of the per-topic partition setting: {@code dsgen.topics.<short name>.partitions}, e.g.
   * prompts.
   */
  public static final String CONFIG_PREFIX = "dsgen.topics.";

  private Topics() {}

  /** All topics with their default partition counts. */
  public static List<Topic<?, ?>> all() {
    return List.of(JOBS, PROMPTS, GENERATIONS, PAIRS, DEAD_LETTERS);
  }

  /**
   * All topics with the partition counts of a configuration: {@code dsgen.topics.<short
   * name>.partitions} where the short name drops the {@code dsgen.} prefix (jobs, prompts,
   * generations, pairs, dead-letters).
   */
  public static List<Topic<?, ?>> all(Function<String, Optional<String>> config) {
    return all().stream().<Topic<?, ?>>map(topic -> configured(topic, config)).toList();
  }

  /** The key setting the partition count of a topic. */
  public static String partitionsKey(Topic<?, ?> topic) {
    return CONFIG_PREFIX + topic.name().substring("dsgen.".length()) + ".partitions";
  }

  private static <K, V> Topic<K, V> configured(
      Topic<K, V> topic, Function<String, Optional<String>> config) {
    String key = partitionsKey(topic);
    return config
        .apply(key)
        .map(String::strip)
        .map(
            value -> {
              try {
                return topic.withPartitions(Integer.parseInt(value));
              } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                    key + " must be a whole number of partitions, got '" + value + "'", e);
              }
            })
        .orElse(topic);
  }
}
