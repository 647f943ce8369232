package dsgen.producer.expansion;

import dsgen.producer.jobs.Backlog;
import dsgen.records.JobSpec;
import dsgen.records.JobState;
import java.util.OptionalLong;

/**
 * How many tasks of a job to produce now: at most one batch per transaction, and never more than
 * tops the job's {@link Backlog} up to its target backlog, finite and continuous jobs alike. A
 * 100,000-image job therefore keeps a bounded number of tasks on dsgen.prompts (whose retention is
 * days) and is expanded further as its tasks settle; a finite job also stops at its total.
 */
public final class ExpansionPlanner {
  private final int batchSize;
  private final int defaultTargetBacklog;

  /**
   * @param defaultTargetBacklog the bound for job records written before finite jobs had one (their
   *     targetBacklog is 0)
   */
  public ExpansionPlanner(int batchSize, int defaultTargetBacklog) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("expansion batch size must be >= 1, was " + batchSize);
    }
    if (defaultTargetBacklog < 1) {
      throw new IllegalArgumentException(
          "default target backlog must be >= 1, was " + defaultTargetBacklog);
    }
    this.batchSize = batchSize;
    this.defaultTargetBacklog = defaultTargetBacklog;
  }

  /**
   * @param settled images of the job generated or dead-lettered so far, when the tracker knows
   */
  public int tasksToProduce(JobSpec job, OptionalLong settled) {
    if (job.getState() != JobState.ACTIVE) {
      return 0;
    }
    long target = job.getTargetBacklog() > 0 ? job.getTargetBacklog() : defaultTargetBacklog;
    long room = Math.max(0, target - Backlog.of(job, settled));
    long remaining =
        job.getContinuous()
            ? Long.MAX_VALUE
            : Math.max(0, job.getTotalImages() - job.getProducedTasks());
    return (int) Math.min(batchSize, Math.min(room, remaining));
  }
}
