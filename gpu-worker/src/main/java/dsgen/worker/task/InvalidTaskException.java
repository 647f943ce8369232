package dsgen.worker.task;

/** A task the worker must not retry: it becomes a dead letter and is rejected. */
public final class InvalidTaskException extends Exception {
  private final TaskProblem problem;

  public InvalidTaskException(TaskProblem problem, Throwable cause) {
    super(problem.toString(), cause);
    this.problem = problem;
  }

  public InvalidTaskException(TaskProblem problem) {
    this(problem, null);
  }

  public TaskProblem problem() {
    return problem;
  }
}
