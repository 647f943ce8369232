package dsgen.attention;

/**
 * An attention file that breaks the contract, with the tensor or metadata field at fault. Each
 * stage wraps it in its own error type (the mask stage's becomes a dead letter).
 */
public final class AttentionFormatException extends RuntimeException {
  private final AttentionProblem problem;
  private final String culprit;

  public AttentionFormatException(AttentionProblem problem, String culprit, String message) {
    super(message);
    this.problem = problem;
    this.culprit = culprit;
  }

  public AttentionProblem problem() {
    return problem;
  }

  /**
   * The tensor or metadata field at fault, e.g. {@code sa_first_64} or {@code
   * classes[1].prompt_tokens}.
   */
  public String culprit() {
    return culprit;
  }
}
