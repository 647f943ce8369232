package dsgen.producer.gallery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ByteCacheTest {

  @Test
  void evictsLeastRecentlyUsedToStayWithinItsBudget() {
    ByteCache cache = new ByteCache(10);
    AtomicInteger loads = new AtomicInteger();
    cache.get("a", () -> bytes(4, loads));
    cache.get("b", () -> bytes(4, loads));
    cache.get("a", () -> bytes(4, loads)); // a is now the most recent
    cache.get("c", () -> bytes(4, loads)); // 12 > 10: b goes
    assertEquals(3, loads.get());
    assertEquals(8, cache.sizeBytes());
    cache.get("a", () -> bytes(4, loads));
    assertEquals(3, loads.get(), "a stayed");
    cache.get("b", () -> bytes(4, loads));
    assertEquals(4, loads.get(), "b was evicted");
    assertEquals(8, cache.sizeBytes());
    assertEquals(2, cache.entries());
  }

  @Test
  void anEntryLargerThanTheBudgetIsServedButNotKept() {
    ByteCache cache = new ByteCache(10);
    AtomicInteger loads = new AtomicInteger();
    assertEquals(11, cache.get("big", () -> bytes(11, loads)).length);
    cache.get("big", () -> bytes(11, loads));
    assertEquals(2, loads.get());
    assertEquals(0, cache.sizeBytes());
  }

  private static byte[] bytes(int n, AtomicInteger loads) {
    loads.incrementAndGet();
    return new byte[n];
  }
}
