package dsgen.producer.cli;

import dsgen.producer.api.JobStatus;
import java.util.Map;

/**
 * One line of progress for a job: a bar of generated images, pairs per recipe, dead letters, rate
 * and ETA.
 *
 * <pre>
 * job-20261122-1530-ab12 [##########----------] 3/6 generated | pairs diffumask 3/6, seediff 2/6 | dead 0 | 2.4/min | ETA 1m15s
 * </pre>
 */
final class ProgressLine {
  static final int BAR_WIDTH = 20;

  private ProgressLine() {}

  static String render(JobStatus job) {
    StringBuilder line = new StringBuilder(job.jobId()).append(' ');
    JobStatus.Counts c = job.counts();
    if (c == null) {
      return line.append("waiting for the tracker (").append(job.tracker()).append(')').toString();
    }
    long total = job.continuous() ? c.submitted() : job.totalImages();
    line.append(bar(c.generated() + c.deadLettered(), total))
        .append(' ')
        .append(c.generated())
        .append('/')
        .append(total)
        .append(" generated");
    if (!c.paired().isEmpty()) {
      line.append(" | pairs ");
      String sep = "";
      for (Map.Entry<String, Long> e : c.paired().entrySet()) {
        line.append(sep)
            .append(methodOf(job, e.getKey()))
            .append(' ')
            .append(e.getValue())
            .append('/')
            .append(total);
        sep = ", ";
      }
    }
    line.append(" | dead ").append(c.deadLettered());
    if (job.continuous()) {
      line.append(" | backlog ").append(c.backlog());
    }
    line.append(" | ")
        .append(job.imagesPerMinute() == null ? "-" : String.format("%.1f", job.imagesPerMinute()))
        .append("/min");
    if (!job.continuous()) {
      line.append(" | ETA ").append(job.etaSeconds() == null ? "-" : duration(job.etaSeconds()));
    }
    if (!"ACTIVE".equals(job.state()) && !"COMPLETED".equals(job.state())) {
      line.append(" | ").append(job.state());
    }
    return line.toString();
  }

  static String bar(long done, long total) {
    int filled = total <= 0 ? 0 : (int) Math.min(BAR_WIDTH, done * BAR_WIDTH / total);
    return "[" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "]";
  }

  static String duration(long seconds) {
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return (seconds / 60) + "m" + String.format("%02d", seconds % 60) + "s";
    }
    return (seconds / 3600) + "h" + String.format("%02d", (seconds % 3600) / 60) + "m";
  }

  /** Recipes of one method are told apart by their id; a method used once is shown by name. */
  private static String methodOf(JobStatus job, String recipeId) {
    var recipe = job.recipes().stream().filter(r -> r.recipeId().equals(recipeId)).findFirst();
    if (recipe.isEmpty()) {
      return recipeId;
    }
    long sameMethod =
        job.recipes().stream().filter(r -> r.method().equals(recipe.get().method())).count();
    return sameMethod > 1 ? recipeId : recipe.get().method();
  }
}
