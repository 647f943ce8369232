package dsgen.producer.expansion;

import dsgen.producer.jobs.Backlog;
import dsgen.records.JobSpec;
import dsgen.records.JobState;
import java.util.OptionalLong;

/**
 * How many tasks of a job to produce now. A finite job is expanded in full, one batch per
 * transaction. A continuous job keeps its {@link Backlog} at its target.
 */
public final class ExpansionPlanner {
  private final int batchSize;

  public ExpansionPlanner(int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("expansion batch size must be >= 1, was " + batchSize);
    }
    this.batchSize = batchSize;
  }

  /**
   * @param settled images of the job generated or dead-lettered so far, when the tracker knows
   */
  public int tasksToProduce(JobSpec job, OptionalLong settled) {
    if (job.getState() != JobState.ACTIVE) {
      return 0;
    }
    long produced = job.getProducedTasks();
    if (!job.getContinuous()) {
      return (int) Math.min(batchSize, Math.max(0, job.getTotalImages() - produced));
    }
    long backlog = Backlog.of(job, settled);
    return (int) Math.min(batchSize, Math.max(0, job.getTargetBacklog() - backlog));
  }
}
