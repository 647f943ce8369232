package dsgen.worker.output;

/**
 * A record was not acknowledged by the broker in time (broker down, restarting, partition
 * leaderless). Transient.
 */
public final class PublishException extends Exception {
  public PublishException(String message, Throwable cause) {
    super(message, cause);
  }
}
