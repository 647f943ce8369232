package dsgen.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class StoreRetryTest {
  private static Supplier<String> failingTimes(int failures, AtomicInteger calls) {
    return () -> {
      if (calls.incrementAndGet() <= failures) {
        throw new ObjectStoreUnavailableException("s3://b/k", "connection refused", null);
      }
      return "ok";
    };
  }

  @Test
  void transientFailuresAreRetriedUntilTheCallSucceeds() {
    AtomicInteger calls = new AtomicInteger();
    StoreRetry retry = new StoreRetry(Duration.ofSeconds(10), Duration.ofMillis(1));
    assertEquals("ok", retry.call(failingTimes(3, calls)));
    assertEquals(4, calls.get());
  }

  @Test
  void theStoresExceptionEscapesOnceTheBudgetIsSpent() {
    AtomicInteger calls = new AtomicInteger();
    StoreRetry retry = new StoreRetry(Duration.ofMillis(50), Duration.ofMillis(5));
    assertThrows(
        ObjectStoreUnavailableException.class, () -> retry.call(failingTimes(1_000_000, calls)));
    assertTrue(calls.get() >= 2, "retried at least once within the budget: " + calls.get());
  }

  @Test
  void noneCallsOnce() {
    AtomicInteger calls = new AtomicInteger();
    assertThrows(
        ObjectStoreUnavailableException.class,
        () -> StoreRetry.none().call(failingTimes(1, calls)));
    assertEquals(1, calls.get());
  }

  @Test
  void aStopSignalEndsTheRetryWithoutPausing() {
    AtomicInteger calls = new AtomicInteger();
    StoreRetry retry = new StoreRetry(Duration.ofMinutes(10), Duration.ofMinutes(1));
    assertThrows(
        ObjectStoreUnavailableException.class,
        () -> retry.call(failingTimes(5, calls), () -> true));
    assertEquals(1, calls.get());
  }

  @Test
  void permanentFailuresAreNotRetried() {
    AtomicInteger calls = new AtomicInteger();
    StoreRetry retry = new StoreRetry(Duration.ofSeconds(10), Duration.ofMillis(1));
    assertThrows(
        ObjectNotFoundException.class,
        () ->
            retry.call(
                () -> {
                  calls.incrementAndGet();
                  throw new ObjectNotFoundException("s3://b/k", "no such key");
                }));
    assertEquals(1, calls.get());
  }
}
