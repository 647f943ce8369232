package dsgen.producer.cli;

import dsgen.producer.api.JobStatus;
import java.util.List;

/** {@code ./dsgen jobs}: one row per job. */
final class JobsTable {
  private static final String FORMAT = "%-28s %-16s %-9s %9s %9s %9s %5s  %s%n";

  private JobsTable() {}

  static String render(List<JobStatus> jobs) {
    StringBuilder out =
        new StringBuilder(
            String.format(
                FORMAT,
                "JOB",
                "DATASET",
                "STATE",
                "SUBMITTED",
                "GENERATED",
                "PAIRED",
                "DEAD",
                "CREATED"));
    for (JobStatus j : jobs) {
      JobStatus.Counts c = j.counts();
      String total = j.continuous() ? "cont." : Long.toString(j.totalImages());
      out.append(
          String.format(
              FORMAT,
              j.jobId(),
              j.dataset(),
              j.state(),
              c == null ? "?" : c.submitted() + "/" + total,
              c == null ? "?" : Long.toString(c.generated()),
              c == null
                  ? "?"
                  : Long.toString(
                      c.paired().values().stream().mapToLong(Long::longValue).min().orElse(0)),
              c == null ? "?" : Long.toString(c.deadLettered()),
              j.createdAt()));
    }
    return out.toString();
  }
}
