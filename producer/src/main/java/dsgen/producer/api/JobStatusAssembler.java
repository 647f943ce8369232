package dsgen.producer.api;

import dsgen.producer.jobs.Backlog;
import dsgen.producer.tracker.GenerationTimeline;
import dsgen.producer.tracker.JobCounts;
import dsgen.records.JobSpec;
import dsgen.records.JobState;
import dsgen.records.RecipeRef;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Combines a job record with the tracker's counts into the API view; computes rate, ETA and whether
 * it finished.
 */
public final class JobStatusAssembler {
  private JobStatusAssembler() {}

  /**
   * @param counts null when the tracker cannot answer; {@code trackerState} then says why
   */
  public static JobStatus assemble(JobSpec job, JobCounts counts, String trackerState) {
    var p = job.getParams();
    JobStatus.Counts countsView = null;
    Double perMinute = null;
    Long eta = null;
    boolean finished = job.getState() == JobState.CANCELLED;
    if (counts != null) {
      Map<String, Long> paired = new LinkedHashMap<>();
      for (RecipeRef r : job.getRecipes()) {
        paired.put(r.getRecipeId(), counts.paired().getOrDefault(r.getRecipeId(), 0L));
      }
      long backlog = Backlog.of(job, OptionalLong.of(counts.settled()));
      countsView =
          new JobStatus.Counts(
              counts.submitted(), counts.generated(), counts.deadLettered(), backlog, paired);
      perMinute =
          imagesPerMinute(counts.generated(), job.getCreatedAt().toEpochMilli(), counts.timeline());
      eta = job.getContinuous() ? null : eta(job.getTotalImages() - counts.settled(), perMinute);
      finished = finished || allAccountedFor(job, counts, paired);
    }
    return new JobStatus(
        job.getJobId(),
        job.getDataset(),
        job.getState().name(),
        job.getContinuous(),
        job.getTargetBacklog(),
        job.getTotalImages(),
        job.getProducedTasks(),
        job.getPromptMode().name(),
        job.getSeed(),
        new JobStatus.Generation(
            p.getWidth(),
            p.getHeight(),
            p.getSteps(),
            p.getGuidanceScale(),
            p.getNegativePrompt(),
            p.getSampler(),
            p.getCaptureProfile(),
            p.getAttentionDtype()),
        job.getClasses().stream()
            .map(c -> new JobStatus.ClassLabel(c.getName(), c.getLabel()))
            .toList(),
        job.getRecipes().stream()
            .map(
                r -> new JobStatus.RecipeInfo(r.getRecipeId(), r.getMethod(), r.getCanonicalJson()))
            .toList(),
        job.getCreatedAt().toString(),
        job.getUpdatedAt().toString(),
        counts == null ? trackerState : "ready",
        countsView,
        counts == null ? null : instant(counts.timeline().firstAt()),
        counts == null ? null : instant(counts.timeline().lastAt()),
        perMinute,
        eta,
        finished,
        counts == null
            ? java.util.List.of()
            : counts.lastErrors().stream()
                .map(
                    e ->
                        new JobStatus.ErrorInfo(
                            e.stage(),
                            e.imageId(),
                            e.recipeId(),
                            e.reason(),
                            e.errorClass(),
                            Instant.ofEpochMilli(e.at()).toString()))
                .toList());
  }

  /**
   * From the job's submission to its latest generation. Measured from the submission rather than
   * between generations because workers finish a batch of images at almost the same moment, which
   * makes the spacing of generations say little about throughput.
   */
  static Double imagesPerMinute(long generated, long submittedAt, GenerationTimeline timeline) {
    long span = timeline.lastAt() - submittedAt;
    if (generated < 1 || span <= 0) {
      return null;
    }
    return generated * 60_000.0 / span;
  }

  static Long eta(long remaining, Double perMinute) {
    if (remaining <= 0) {
      return 0L;
    }
    return perMinute == null ? null : Math.round(remaining * 60.0 / perMinute);
  }

  private static String instant(long epochMillis) {
    return epochMillis == 0 ? null : Instant.ofEpochMilli(epochMillis).toString();
  }

  /** Every image of a finite job is paired or dead-lettered, for every recipe. */
  static boolean allAccountedFor(JobSpec job, JobCounts counts, Map<String, Long> paired) {
    if (job.getContinuous()
        || job.getProducedTasks() < job.getTotalImages()
        || counts.submitted() < job.getTotalImages()) {
      return false;
    }
    return paired.values().stream()
        .allMatch(n -> n + counts.deadLettered() >= job.getTotalImages());
  }
}
