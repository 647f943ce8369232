package dsgen.producer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dsgen.producer.api.JobStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressLineTest {

  @Test
  void showsBarPairsPerRecipeRateAndEta() {
    Map<String, Long> paired = new LinkedHashMap<>();
    paired.put("diffumask-11111111", 3L);
    paired.put("seediff-22222222", 2L);
    JobStatus job = job(false, "ACTIVE", new JobStatus.Counts(6, 3, 0, 3, paired), 2.4, 75L);
    assertEquals(
        "j1 [##########----------] 3/6 generated | pairs diffumask 3/6, seediff 2/6 | dead 0 | 2.4/min | ETA 1m15s",
        ProgressLine.render(job));
  }

  @Test
  void continuousJobsShowTheirBacklogAndNoEta() {
    JobStatus job = job(true, "CANCELLED", new JobStatus.Counts(10, 7, 1, 2, Map.of()), null, null);
    assertEquals(
        "j1 [################----] 7/10 generated | dead 1 | backlog 2 | -/min | CANCELLED",
        ProgressLine.render(job));
  }

  @Test
  void waitsForTheTracker() {
    assertEquals(
        "j1 waiting for the tracker (REBALANCING)",
        ProgressLine.render(job(false, "ACTIVE", null, null, null)));
  }

  @Test
  void durations() {
    assertEquals("59s", ProgressLine.duration(59));
    assertEquals("1m00s", ProgressLine.duration(60));
    assertEquals("2h05m", ProgressLine.duration(7500));
  }

  private static JobStatus job(
      boolean continuous, String state, JobStatus.Counts counts, Double rate, Long eta) {
    return new JobStatus(
        "j1",
        "pets",
        state,
        continuous,
        continuous ? 4 : 0,
        continuous ? 0 : 6,
        6,
        "TEMPLATES",
        1,
        new JobStatus.Generation(256, 256, 20, 7.5, "", "ddim", "ca_mean_8", "float16"),
        List.of(new JobStatus.ClassLabel("cat", 1)),
        List.of(
            new JobStatus.RecipeInfo("diffumask-11111111", "diffumask", "{}"),
            new JobStatus.RecipeInfo("seediff-22222222", "seediff", "{}")),
        "2026-11-22T10:00:00Z",
        "2026-11-22T10:00:00Z",
        counts == null ? "REBALANCING" : "ready",
        counts,
        null,
        null,
        rate,
        eta,
        false,
        List.of());
  }
}
