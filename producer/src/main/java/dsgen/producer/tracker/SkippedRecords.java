package dsgen.producer.tracker;

/**
 * Where the tracker reports a record it skips before counting: a null value (none of its four
 * topics is compacted, so a tombstone carries nothing to count) or, on the image topics, a null key
 * (the key is the image id the tracker counts distinct). Undecodable values and records of another
 * type never reach the topology: Kafka Streams' deserialization handler skips them and counts them
 * in its {@code dropped-records-total} metric.
 *
 * <p>A skip, not a dead letter: the tracker only observes. The stage that owns a topic (worker for
 * prompts, mask stage for generations) dead-letters what it cannot use; a second letter from the
 * tracker would count twice, and on {@code dsgen.dead-letters} it would feed the tracker its own
 * output.
 */
@FunctionalInterface
public interface SkippedRecords {
  /** One record of {@code topic} was skipped for {@code reason}. */
  void skipped(String topic, String reason);

  /** The reason for a record without a value. */
  String NULL_VALUE = "null-value";

  /** The reason for a record without a key on a topic keyed by image id. */
  String NULL_KEY = "null-key";
}
