package dsgen.producer.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TaskSeedsTest {

  /**
   * Values computed independently with the formula of the class comment in Python (unsigned 64-bit
   * arithmetic).
   */
  @Test
  void matchesTheDocumentedFormula() {
    assertEquals(572398990288415827L, TaskSeeds.seedOf(1111, 0));
    assertEquals(7329115800944812337L, TaskSeeds.seedOf(1111, 1));
    assertEquals(8377934326877331598L, TaskSeeds.seedOf(1111, 2));
    assertEquals(4181545151839246016L, TaskSeeds.seedOf(-5, 7));
    assertEquals(8147104208329303767L, TaskSeeds.seedOf(0, 0));
  }

  @Test
  void seedsAreNonNegativeAndDistinctAcrossIndicesAndJobs() {
    Set<Long> seen = new HashSet<>();
    for (long job : new long[] {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE}) {
      for (long i = 0; i < 10_000; i++) {
        long seed = TaskSeeds.seedOf(job, i);
        assertTrue(seed >= 0, "seed must be non-negative");
        assertTrue(seen.add(seed), "seed repeated for job seed " + job + " index " + i);
      }
    }
  }
}
