package dsgen.store;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries object-store calls that failed for a transient reason ({@link
 * ObjectStoreUnavailableException}: store unreachable, 5xx, throttled) in place, with doubling
 * pauses up to a budget; the one retry loop of every service. When the budget is spent the
 * exception escapes to the caller's own policy (the worker releases its task; the mask stage's
 * stream thread is replaced and reprocesses from the last commit). Other failures are not retried.
 */
public final class StoreRetry {
  private static final Logger LOG = LoggerFactory.getLogger(StoreRetry.class);
  private static final Duration MAX_PAUSE = Duration.ofSeconds(5);

  private final Duration budget;
  private final Duration firstPause;

  /**
   * @param budget total time spent retrying one call; for a Kafka consumer keep it well below
   *     {@code max.poll.interval.ms} (or the lock duration), or the group gives the work away while
   *     it waits
   * @param firstPause pause after the first failure, doubled after each one up to 5 s
   */
  public StoreRetry(Duration budget, Duration firstPause) {
    if (budget.isNegative() || firstPause.isNegative() || firstPause.isZero()) {
      throw new IllegalArgumentException(
          "retry budget must be >= 0 and pause > 0, got " + budget + ", " + firstPause);
    }
    this.budget = budget;
    this.firstPause = firstPause;
  }

  /** One attempt, no retry. */
  public static StoreRetry none() {
    return new StoreRetry(Duration.ZERO, Duration.ofMillis(1));
  }

  public Duration budget() {
    return budget;
  }

  /**
   * Calls until it succeeds, fails otherwise, the budget is spent or {@code stop} says so (checked
   * before each pause).
   *
   * @throws InterruptedException when interrupted during a pause
   */
  public <T> T call(Supplier<T> call, BooleanSupplier stop) throws InterruptedException {
    long deadline = System.nanoTime() + budget.toNanos();
    long pauseMs = firstPause.toMillis();
    while (true) {
      try {
        return call.get();
      } catch (ObjectStoreUnavailableException e) {
        long leftMs = (deadline - System.nanoTime()) / 1_000_000;
        if (leftMs <= 0 || stop.getAsBoolean()) {
          throw e;
        }
        long sleepMs = Math.min(pauseMs, leftMs);
        LOG.info("Object store unavailable ({}); retrying in {} ms", e.getMessage(), sleepMs);
        Thread.sleep(sleepMs);
        pauseMs = Math.min(pauseMs * 2, MAX_PAUSE.toMillis());
      }
    }
  }

  /**
   * {@link #call(Supplier, BooleanSupplier)} for a thread without a stop signal: an interrupt
   * during a pause ends the retry with the store's exception and keeps the thread's interrupt flag.
   */
  public <T> T call(Supplier<T> call) {
    try {
      return call(call, () -> false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ObjectStoreUnavailableException(
          "", "interrupted while waiting for the object store", e);
    }
  }
}
