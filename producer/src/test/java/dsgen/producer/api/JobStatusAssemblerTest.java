package dsgen.producer.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dsgen.producer.TestJobs;
import dsgen.producer.tracker.GenerationTimeline;
import dsgen.producer.tracker.JobCounts;
import dsgen.records.JobSpec;
import dsgen.records.JobState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobStatusAssemblerTest {
  private final JobSpec job =
      JobSpec.newBuilder(
              TestJobs.spec(
                  "{'jobId':'pets','dataset':'pets','classes':[{'name':'cat'},{'name':'dog'}],"
                      + "'imagesPerClass':5,'recipes':[{'method':'diffumask'},{'method':'dataset-diffusion'}]}"))
          .setProducedTasks(10)
          .build();
  private final String a = job.getRecipes().get(0).getRecipeId();
  private final String b = job.getRecipes().get(1).getRecipeId();

  @Test
  void rateIsGenerationsPerMinuteSinceSubmissionAndEtaCoversWhatIsLeft() {
    // 5 generations, the latest 150 s after submission -> 2 per minute; 10 - 6 settled = 4 left ->
    // 120 s
    long submitted = job.getCreatedAt().toEpochMilli();
    JobCounts counts =
        new JobCounts(
            10,
            5,
            6,
            1,
            Map.of(a, 4L),
            new GenerationTimeline(submitted + 30_000, submitted + 150_000),
            List.of());
    JobStatus status = JobStatusAssembler.assemble(job, counts, "ready");
    // 5 · 60000 / 150000 in double: exact up to an ulp
    assertEquals(2.0, status.imagesPerMinute(), 1e-9);
    assertEquals(120L, status.etaSeconds());
    assertEquals(job.getCreatedAt().plusSeconds(30).toString(), status.firstGenerationAt());
    assertEquals(job.getCreatedAt().plusSeconds(150).toString(), status.latestGenerationAt());
    assertEquals(
        Map.of(a, 4L, b, 0L), status.counts().paired(), "every recipe of the job is listed");
    assertEquals(4, status.counts().backlog());
    assertFalse(status.finished());
  }

  @Test
  void finishedWhenEveryImageIsPairedOrDeadLetteredForEveryRecipe() {
    JobSpec completed = JobSpec.newBuilder(job).setState(JobState.COMPLETED).build();
    JobCounts almost =
        new JobCounts(10, 10, 10, 1, Map.of(a, 9L, b, 8L), new GenerationTimeline(1, 2), List.of());
    assertFalse(JobStatusAssembler.assemble(completed, almost, "ready").finished());
    JobCounts done =
        new JobCounts(10, 10, 10, 1, Map.of(a, 9L, b, 9L), new GenerationTimeline(1, 2), List.of());
    JobStatus status = JobStatusAssembler.assemble(completed, done, "ready");
    assertTrue(status.finished());
    assertEquals(0L, status.etaSeconds());
  }

  @Test
  void withoutTrackerCountsAreNullAndTheStateIsShown() {
    JobStatus status = JobStatusAssembler.assemble(job, null, "REBALANCING");
    assertNull(status.counts());
    assertNull(status.etaSeconds());
    assertEquals("REBALANCING", status.tracker());
    assertFalse(status.finished());
    assertTrue(
        JobStatusAssembler.assemble(
                JobSpec.newBuilder(job).setState(JobState.CANCELLED).build(), null, "x")
            .finished());
  }

  @Test
  void noRateBeforeTheFirstGeneration() {
    assertNull(JobStatusAssembler.imagesPerMinute(0, 5, new GenerationTimeline(0, 0)));
    assertNull(JobStatusAssembler.eta(3, null));
  }
}
