package dsgen.producer.tracker;

import dsgen.kafka.Topic;
import dsgen.kafka.Topics;
import dsgen.producer.gallery.GalleryIndex;
import dsgen.records.DeadLetter;
import dsgen.records.Generation;
import dsgen.records.Pair;
import dsgen.records.PromptTask;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The job tracker: per job, how many distinct images were submitted, generated, settled (generated
 * or dead-lettered before the mask stage) and dead-lettered, how many pairs each recipe wrote, when
 * generations happened and the latest errors. Counting distinct ids works by keeping the latest
 * record per image in a table and counting the table grouped by job: a duplicate record replaces
 * its own row instead of adding one. The same topology keeps the gallery's index of pairs ({@link
 * GalleryIndex}).
 */
public final class TrackerTopology {
  public static final String SUBMITTED = "tracker-submitted";
  public static final String GENERATED = "tracker-generated";
  public static final String SETTLED = "tracker-settled";
  public static final String DEAD_LETTERED = "tracker-dead-lettered";

  /**
   * Keyed by {@code jobId/recipeId} ('/' never occurs in a job id, so a prefix scan on {@code
   * jobId/} is exact).
   */
  public static final String PAIRED = "tracker-paired";

  public static final String TIMELINE = "tracker-timeline";
  public static final String ERRORS = "tracker-errors";
  public static final List<String> COUNT_STORES =
      List.of(SUBMITTED, GENERATED, SETTLED, DEAD_LETTERED, PAIRED);

  /** Latest dead letters kept per job and reason for {@code GET /jobs/{id}/dead-letters}. */
  public static final int DEAD_LETTER_EXAMPLES = 3;

  private static final Serde<String> STRING = Serdes.String();

  private TrackerTopology() {}

  /**
   * @param skipped told of every record dropped before counting (see {@link SkippedRecords})
   */
  public static Topology build(int errorsKept, SkippedRecords skipped) {
    StreamsBuilder builder = new StreamsBuilder();
    KStream<String, PromptTask> prompts = source(builder, Topics.PROMPTS, true, skipped);
    KStream<String, Generation> generations = source(builder, Topics.GENERATIONS, true, skipped);
    // pairs and dead letters are attributed by their fields; their key is not needed
    KStream<String, Pair> pairs = source(builder, Topics.PAIRS, false, skipped);
    KStream<String, DeadLetter> deadLetters = source(builder, Topics.DEAD_LETTERS, false, skipped);

    countDistinct(
        prompts.mapValues(PromptTask::getJobId, Named.as("prompt-job")), "submitted", SUBMITTED);
    KStream<String, String> generated =
        generations.mapValues(Generation::getJobId, Named.as("generation-job"));
    countDistinct(generated, "generated", GENERATED);
    KStream<String, String> deadImages =
        deadLetters.flatMap(
            (key, d) ->
                DeadLetterAttribution.of(key, d)
                    .filter(a -> a.imageId() != null)
                    .map(a -> List.of(KeyValue.pair(a.imageId(), a.jobId())))
                    .orElse(List.of()),
            Named.as("dead-letter-image"));
    countDistinct(deadImages, "dead-lettered", DEAD_LETTERED);
    KStream<String, String> deadBeforeMasks =
        deadLetters
            .filter(
                (key, d) -> DeadLetterAttribution.settlesImage(d), Named.as("dead-before-masks"))
            .flatMap(
                (key, d) ->
                    DeadLetterAttribution.of(key, d)
                        .filter(a -> a.imageId() != null)
                        .map(a -> List.of(KeyValue.pair(a.imageId(), a.jobId())))
                        .orElse(List.of()),
                Named.as("dead-before-masks-image"));
    countDistinct(generated.merge(deadBeforeMasks, Named.as("settled-images")), "settled", SETTLED);
    // a replay's pairs belong to the replay, not to the job whose generations it reused
    countDistinct(
        pairs
            .filter((key, p) -> p.getReplayId() == null, Named.as("live-pairs"))
            .map(
                (key, p) ->
                    KeyValue.pair(
                        p.getImageId() + "/" + p.getRecipe().getRecipeId(),
                        p.getJobId() + "/" + p.getRecipe().getRecipeId()),
                Named.as("pair-recipe")),
        "paired",
        PAIRED);
    GalleryIndex.addTo(builder, pairs);
    DeadLetterIndex.addTo(deadLetters, DEAD_LETTER_EXAMPLES);

    generations
        .groupBy(
            (key, g) -> g.getJobId(),
            Grouped.with("timeline-by-job", STRING, Topics.GENERATIONS.valueSerde()))
        .aggregate(
            GenerationTimeline::empty,
            (job, g, timeline) -> timeline.with(g.getCreatedAt().toEpochMilli()),
            Named.as("timeline"),
            Materialized.<String, GenerationTimeline, KeyValueStore<Bytes, byte[]>>as(TIMELINE)
                .withKeySerde(STRING)
                .withValueSerde(JsonSerde.of(GenerationTimeline.class)));
    deadLetters
        .flatMap(
            (key, d) ->
                DeadLetterAttribution.of(key, d)
                    .map(a -> List.of(KeyValue.pair(a.jobId(), ErrorSummary.of(d, a.imageId()))))
                    .orElse(List.of()),
            Named.as("error-summary"))
        .groupByKey(Grouped.with("errors-by-job", STRING, JsonSerde.of(ErrorSummary.class)))
        .aggregate(
            RecentErrors::empty,
            (job, error, recent) -> recent.with(error, errorsKept),
            Named.as("recent-errors"),
            Materialized.<String, RecentErrors, KeyValueStore<Bytes, byte[]>>as(ERRORS)
                .withKeySerde(STRING)
                .withValueSerde(JsonSerde.of(RecentErrors.class)));
    return builder.build();
  }

  private static <V> KStream<String, V> source(
      StreamsBuilder builder, Topic<String, V> topic, boolean keyed, SkippedRecords skipped) {
    return builder.stream(
            topic.name(),
            Consumed.with(topic.keySerde(), topic.valueSerde()).withName(topic.name()))
        .filter(
            (key, value) -> {
              String reason =
                  value == null
                      ? SkippedRecords.NULL_VALUE
                      : keyed && key == null ? SkippedRecords.NULL_KEY : null;
              if (reason != null) {
                skipped.skipped(topic.name(), reason);
              }
              return reason == null;
            },
            Named.as(topic.name() + "-countable"));
  }

  /** Counts, per group (the value), the distinct keys seen. */
  static void countDistinct(KStream<String, String> keyToGroup, String name, String store) {
    keyToGroup
        .toTable(
            Named.as(name + "-latest"),
            Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as(name + "-latest")
                .withKeySerde(STRING)
                .withValueSerde(STRING))
        .groupBy(
            (key, group) -> KeyValue.pair(group, key),
            Grouped.with(name + "-by-group", STRING, STRING))
        .count(
            Named.as(name + "-count"),
            Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as(store)
                .withKeySerde(STRING)
                .withValueSerde(Serdes.Long()));
  }
}
