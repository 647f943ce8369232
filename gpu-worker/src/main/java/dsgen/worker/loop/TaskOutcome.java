package dsgen.worker.loop;

import dsgen.worker.task.AcquiredTask;
import dsgen.worker.task.TaskProblem;

/** How the work on one task ended; the loop turns it into an acknowledgement. */
public record TaskOutcome(
    AcquiredTask task, Kind kind, TaskProblem problem, String failure, String detail) {

  public enum Kind {
    /** The Generation record is durable: ACCEPT. */
    PUBLISHED,
    /**
     * A redelivered task whose image was already stored: its Generation published again, ACCEPT.
     */
    REPUBLISHED,
    /** The model refused the task: dead letter, then REJECT. */
    INVALID,
    /** Something outside the task failed (store, broker, model runtime): RELEASE and back off. */
    RETRY,
    /** Shutdown deadline reached before the task finished: RELEASE. */
    ABANDONED
  }

  public static TaskOutcome published(AcquiredTask task) {
    return new TaskOutcome(task, Kind.PUBLISHED, null, null, null);
  }

  public static TaskOutcome republished(AcquiredTask task) {
    return new TaskOutcome(task, Kind.REPUBLISHED, null, null, null);
  }

  public static TaskOutcome invalid(AcquiredTask task, TaskProblem problem) {
    return new TaskOutcome(task, Kind.INVALID, problem, null, problem.message());
  }

  /**
   * @param failure short tag for metrics, e.g. {@code object_store_unavailable}
   */
  public static TaskOutcome retry(AcquiredTask task, String failure, String detail) {
    return new TaskOutcome(task, Kind.RETRY, null, failure, detail);
  }

  public static TaskOutcome abandoned(AcquiredTask task) {
    return new TaskOutcome(task, Kind.ABANDONED, null, "shutdown", "shutdown deadline reached");
  }
}
