package dsgen.producer.tracker;

/** The tracker's stores cannot be queried yet (Streams is starting or rebalancing). */
public final class TrackerNotReadyException extends RuntimeException {
  public TrackerNotReadyException(String state) {
    super("job tracker is not ready (Kafka Streams state " + state + ")");
  }
}
