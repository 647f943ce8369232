package dsgen.producer.tracker;

import dsgen.records.DeadLetter;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A job's dead letters broken down, part of the tracker's topology: distinct images per reason
 * (stage and error class) with the latest examples of each, and distinct images per recipe (the
 * mask stage names the recipe that failed). Keys start with {@code jobId/} ('/' never occurs in a
 * job id), so a prefix scan is exact.
 */
final class DeadLetterIndex {
  /** {@code jobId/stage/errorClass} → distinct images. */
  static final String BY_REASON = "tracker-dead-by-reason";

  /** {@code jobId/stage/errorClass} → the latest dead letters of that reason. */
  static final String EXAMPLES = "tracker-dead-examples";

  /** {@code jobId/recipeId} → distinct images the recipe dead-lettered. */
  static final String BY_RECIPE = "tracker-dead-by-recipe";

  private DeadLetterIndex() {}

  static void addTo(KStream<String, DeadLetter> deadLetters, int examplesKept) {
    KStream<String, Attributed> attributed =
        deadLetters.flatMapValues(
            (key, d) ->
                DeadLetterAttribution.of(key, d)
                    .map(a -> List.of(new Attributed(a, d)))
                    .orElse(List.of()),
            Named.as("dead-letter-attributed"));
    TrackerTopology.countDistinct(
        attributed
            .filter((key, a) -> a.attribution().imageId() != null, Named.as("dead-reason-image"))
            .map(
                (key, a) ->
                    KeyValue.pair(a.attribution().imageId() + "/" + a.reason(), a.reasonKey()),
                Named.as("dead-reason-key")),
        "dead-by-reason",
        BY_REASON);
    TrackerTopology.countDistinct(
        attributed
            .filter(
                (key, a) -> a.attribution().imageId() != null && a.letter().getRecipeId() != null,
                Named.as("dead-recipe-image"))
            .map(
                (key, a) ->
                    KeyValue.pair(
                        a.attribution().imageId() + "/" + a.letter().getRecipeId(),
                        a.attribution().jobId() + "/" + a.letter().getRecipeId()),
                Named.as("dead-recipe-key")),
        "dead-by-recipe",
        BY_RECIPE);
    attributed
        .map(
            (key, a) ->
                KeyValue.pair(
                    a.reasonKey(), ErrorSummary.of(a.letter(), a.attribution().imageId())),
            Named.as("dead-example"))
        .groupByKey(
            Grouped.with(
                "dead-examples-by-reason", Serdes.String(), JsonSerde.of(ErrorSummary.class)))
        .aggregate(
            RecentErrors::empty,
            (reason, error, recent) -> recent.with(error, examplesKept),
            Named.as("dead-examples"),
            Materialized.<String, RecentErrors, KeyValueStore<Bytes, byte[]>>as(EXAMPLES)
                .withKeySerde(Serdes.String())
                .withValueSerde(JsonSerde.of(RecentErrors.class)));
  }

  /** What a reason is: the stage that gave up and its error class. */
  private record Attributed(DeadLetterAttribution attribution, DeadLetter letter) {
    String reason() {
      return letter.getStage()
          + "/"
          + Optional.ofNullable(letter.getErrorClass()).orElse("unknown");
    }

    String reasonKey() {
      return attribution.jobId() + "/" + reason();
    }
  }
}
