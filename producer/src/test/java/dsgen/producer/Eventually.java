package dsgen.producer;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** Polls until a condition holds; the failure message shows the last value seen. */
public final class Eventually {
  private Eventually() {}

  public static <T> T await(
      Duration timeout, Supplier<T> probe, java.util.function.Predicate<T> done, String what) {
    Instant deadline = Instant.now().plus(timeout);
    T last = null;
    while (Instant.now().isBefore(deadline)) {
      try {
        last = probe.get();
        if (done.test(last)) {
          return last;
        }
      } catch (RuntimeException | AssertionError e) {
        last = null;
      }
      sleep(100);
    }
    throw new AssertionError(
        "timed out after " + timeout + " waiting for " + what + "; last value: " + last);
  }

  public static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
