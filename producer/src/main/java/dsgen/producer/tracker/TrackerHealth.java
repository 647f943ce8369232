package dsgen.producer.tracker;

import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Whether the tracker can answer, from its Kafka Streams state transitions: RUNNING is up;
 * REBALANCING and CREATED are up for a grace period (a rebalance after a restart or a scale-out is
 * normal and short), then down; ERROR, PENDING_ERROR, PENDING_SHUTDOWN and NOT_RUNNING are down at
 * once, since they never recover by themselves. Thread-safe: Streams reports transitions from its
 * own threads.
 */
public final class TrackerHealth {

  /** Up or down, with the reason a person reads in the health body. */
  public record Verdict(boolean up, KafkaStreams.State state, Instant since, String reason) {}

  private final Duration grace;
  private KafkaStreams.State state = KafkaStreams.State.CREATED;
  private Instant since;

  public TrackerHealth(Duration grace, Instant now) {
    this.grace = grace;
    this.since = now;
  }

  /** Records a transition (Kafka Streams' state listener). */
  public synchronized void changed(KafkaStreams.State newState, Instant now) {
    if (newState != state) {
      state = newState;
      since = now;
    }
  }

  public synchronized Verdict verdict(Instant now) {
    Duration in = Duration.between(since, now);
    return switch (state) {
      case RUNNING -> new Verdict(true, state, since, "running");
      case CREATED, REBALANCING -> {
        boolean within = in.compareTo(grace) <= 0;
        yield new Verdict(
            within,
            state,
            since,
            within
                ? state + " for " + in.toSeconds() + " s (grace " + grace.toSeconds() + " s)"
                : "tracker "
                    + state
                    + " for "
                    + in.toSeconds()
                    + " s, longer than the grace of "
                    + grace.toSeconds()
                    + " s: job counts cannot be read");
      }
      default ->
          new Verdict(
              false,
              state,
              since,
              "tracker " + state + " since " + since + ": job counts cannot be read until restart");
    };
  }
}
