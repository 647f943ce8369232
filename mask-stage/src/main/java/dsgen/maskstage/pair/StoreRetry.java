package dsgen.maskstage.pair;

import dsgen.store.ObjectStoreUnavailableException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Retries object-store calls that failed for a transient reason (store unreachable, throttled) with
 * doubling back-off. When the budget is spent the exception escapes: the stream thread is replaced
 * and, under exactly-once, the record is processed again from the last commit — an outage delays
 * pairs, it never dead-letters them.
 */
public final class StoreRetry {

  private final Duration budget;
  private final Duration firstBackoff;

  /**
   * @param budget total time spent retrying one call; keep it well below {@code
   *     max.poll.interval.ms}, or the group evicts the thread while it waits
   */
  public StoreRetry(Duration budget, Duration firstBackoff) {
    if (budget.isNegative() || firstBackoff.isNegative() || firstBackoff.isZero()) {
      throw new IllegalArgumentException(
          "retry budget must be >= 0 and back-off > 0, got " + budget + ", " + firstBackoff);
    }
    this.budget = budget;
    this.firstBackoff = firstBackoff;
  }

  public static StoreRetry none() {
    return new StoreRetry(Duration.ZERO, Duration.ofMillis(1));
  }

  public <T> T call(Supplier<T> call) {
    long deadline = System.nanoTime() + budget.toNanos();
    long backoffMs = firstBackoff.toMillis();
    while (true) {
      try {
        return call.get();
      } catch (ObjectStoreUnavailableException e) {
        long leftMs = (deadline - System.nanoTime()) / 1_000_000;
        if (leftMs <= 0) {
          throw e;
        }
        sleep(Math.min(backoffMs, leftMs), e);
        backoffMs = Math.min(backoffMs * 2, 5_000);
      }
    }
  }

  private static void sleep(long ms, ObjectStoreUnavailableException cause) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw cause;
    }
  }
}
