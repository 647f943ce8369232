package dsgen.producer.tracker;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Interactive queries on the tracker's stores. The producer runs as a single instance, so every
 * job's counts live in this process's stores; no remote lookup is needed.
 */
public final class TrackerQueries {
  private final KafkaStreams streams;

  public TrackerQueries(KafkaStreams streams) {
    this.streams = streams;
  }

  /**
   * @throws TrackerNotReadyException while Streams is not RUNNING
   */
  public JobCounts counts(String jobId) {
    try {
      Map<String, Long> paired = new LinkedHashMap<>();
      String prefix = jobId + "/";
      try (var it =
          this.<Long>store(TrackerTopology.PAIRED).prefixScan(prefix, new StringSerializer())) {
        it.forEachRemaining(kv -> paired.put(kv.key.substring(prefix.length()), kv.value));
      }
      GenerationTimeline timeline =
          Optional.ofNullable(this.<GenerationTimeline>store(TrackerTopology.TIMELINE).get(jobId))
              .orElse(GenerationTimeline.empty());
      RecentErrors errors =
          Optional.ofNullable(this.<RecentErrors>store(TrackerTopology.ERRORS).get(jobId))
              .orElse(RecentErrors.empty());
      return new JobCounts(
          count(TrackerTopology.SUBMITTED, jobId),
          count(TrackerTopology.GENERATED, jobId),
          count(TrackerTopology.SETTLED, jobId),
          count(TrackerTopology.DEAD_LETTERED, jobId),
          paired,
          timeline,
          List.copyOf(errors.errors()));
    } catch (InvalidStateStoreException e) {
      throw new TrackerNotReadyException(streams.state().name());
    }
  }

  /**
   * @throws TrackerNotReadyException while Streams is not RUNNING
   */
  public DeadLetterBreakdown deadLetters(String jobId) {
    String prefix = jobId + "/";
    try {
      Map<String, Long> byRecipe = new LinkedHashMap<>();
      try (var it =
          this.<Long>store(DeadLetterIndex.BY_RECIPE).prefixScan(prefix, new StringSerializer())) {
        it.forEachRemaining(kv -> byRecipe.put(kv.key.substring(prefix.length()), kv.value));
      }
      List<DeadLetterBreakdown.Reason> byReason = new java.util.ArrayList<>();
      ReadOnlyKeyValueStore<String, Long> counts = store(DeadLetterIndex.BY_REASON);
      try (var it =
          this.<RecentErrors>store(DeadLetterIndex.EXAMPLES)
              .prefixScan(prefix, new StringSerializer())) {
        it.forEachRemaining(
            kv -> {
              List<ErrorSummary> examples = kv.value.errors();
              ErrorSummary latest = examples.get(examples.size() - 1);
              Long images = counts.get(kv.key);
              byReason.add(
                  new DeadLetterBreakdown.Reason(
                      latest.stage(),
                      latest.errorClass(),
                      images == null ? 0 : images,
                      List.copyOf(examples)));
            });
      }
      return new DeadLetterBreakdown(byRecipe, byReason);
    } catch (InvalidStateStoreException e) {
      throw new TrackerNotReadyException(streams.state().name());
    }
  }

  /** For the expansion loop: empty while the tracker cannot answer. */
  public OptionalLong settled(String jobId) {
    try {
      return OptionalLong.of(count(TrackerTopology.SETTLED, jobId));
    } catch (InvalidStateStoreException | TrackerNotReadyException e) {
      return OptionalLong.empty();
    }
  }

  public boolean ready() {
    return streams.state() == KafkaStreams.State.RUNNING;
  }

  private long count(String store, String jobId) {
    Long value = this.<Long>store(store).get(jobId);
    return value == null ? 0 : value;
  }

  private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
    if (!ready()) {
      throw new TrackerNotReadyException(streams.state().name());
    }
    return streams.store(
        StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
  }
}
