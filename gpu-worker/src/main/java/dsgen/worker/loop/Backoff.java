package dsgen.worker.loop;

import java.time.Duration;

/**
 * Exponential back-off between attempts: initial, doubled after each failure up to max, reset on
 * success.
 */
final class Backoff {
  private final Duration initial;
  private final Duration max;
  private Duration next;

  Backoff(Duration initial, Duration max) {
    this.initial = initial;
    this.max = max;
    this.next = initial;
  }

  /** The pause before the next attempt; the one after it is twice as long (capped). */
  Duration next() {
    Duration now = next;
    Duration doubled = next.multipliedBy(2);
    next = doubled.compareTo(max) > 0 ? max : doubled;
    return now;
  }

  void reset() {
    next = initial;
  }
}
