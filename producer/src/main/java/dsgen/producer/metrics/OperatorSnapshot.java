package dsgen.producer.metrics;

import dsgen.producer.api.JobStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What the operator gauges show at one moment, computed from the jobs' statuses (the same numbers
 * {@code GET /jobs} answers, so the two never disagree).
 *
 * @param backlog tasks waiting for a worker over every job: what the workers are autoscaled on
 * @param jobs one row per job that is unfinished or was active within the retention; older finished
 *     jobs drop out so the number of series stays bounded
 * @param jobsByState jobs per state (ACTIVE, COMPLETED, CANCELLED), every job counted
 */
public record OperatorSnapshot(long backlog, List<JobRow> jobs, Map<String, Long> jobsByState) {

  /** The snapshot before the first refresh: nothing known, nothing waiting. */
  public static final OperatorSnapshot EMPTY = new OperatorSnapshot(0, List.of(), Map.of());

  /** The gauges of one job; {@code paired} maps recipe id to pairs written. */
  public record JobRow(
      String jobId,
      String dataset,
      long backlog,
      long submitted,
      long generated,
      long deadLettered,
      Map<String, Long> paired) {}

  /**
   * @param statuses every job with the tracker's counts
   * @return empty when a status has no counts (the tracker cannot answer): a snapshot made of
   *     guesses would move the autoscaler, so the caller keeps the previous one
   */
  public static Optional<OperatorSnapshot> of(
      List<JobStatus> statuses, Instant now, Duration finishedRetention) {
    if (statuses.stream().anyMatch(s -> s.counts() == null)) {
      return Optional.empty();
    }
    long backlog = statuses.stream().mapToLong(s -> s.counts().backlog()).sum();
    List<JobRow> rows =
        statuses.stream()
            .filter(s -> !s.finished() || !lastActivity(s).plus(finishedRetention).isBefore(now))
            .map(OperatorSnapshot::row)
            .toList();
    Map<String, Long> byState = new TreeMap<>();
    statuses.forEach(s -> byState.merge(s.state(), 1L, Long::sum));
    return Optional.of(new OperatorSnapshot(backlog, rows, Map.copyOf(byState)));
  }

  private static JobRow row(JobStatus s) {
    JobStatus.Counts c = s.counts();
    return new JobRow(
        s.jobId(),
        s.dataset(),
        c.backlog(),
        c.submitted(),
        c.generated(),
        c.deadLettered(),
        Map.copyOf(c.paired()));
  }

  /** The job record's last change or its latest generation, whichever is later. */
  static Instant lastActivity(JobStatus s) {
    return Stream.of(s.updatedAt(), s.latestGenerationAt())
        .filter(t -> t != null)
        .map(Instant::parse)
        .max(Instant::compareTo)
        .orElse(Instant.EPOCH);
  }
}
