package dsgen.producer.jobs;

import dsgen.records.JobSpec;
import dsgen.records.JobState;
import java.util.OptionalLong;

/**
 * A job's backlog: its tasks on dsgen.prompts that no worker has settled yet (neither generated nor
 * dead-lettered), tasks in a worker's hands included. The one definition used by the expansion
 * planner (continuous jobs keep it at their target), the job status and the operator gauges that
 * autoscale the workers.
 */
public final class Backlog {
  private Backlog() {}

  /**
   * @param settled images of the job generated or dead-lettered so far, when the tracker knows;
   *     while it does not, everything produced counts as waiting (a restarted producer never
   *     overshoots a continuous job's target)
   * @return tasks waiting; 0 for a cancelled job, whose remaining tasks workers acknowledge without
   *     generating (they need no capacity and never become settled)
   */
  public static long of(JobSpec job, OptionalLong settled) {
    if (job.getState() == JobState.CANCELLED) {
      return 0;
    }
    long produced = job.getProducedTasks();
    return produced - Math.min(produced, settled.orElse(0));
  }
}
