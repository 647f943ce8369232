package dsgen.masks.io;

import dsgen.attention.AttentionFormatException;
import dsgen.attention.AttentionProblem;

/**
 * An attention file the mask library cannot use, with the tensor or metadata field at fault. The
 * mask stage turns it into a dead letter whose reason is {@link #getMessage()}.
 */
public final class AttentionFileException extends RuntimeException {
  private final AttentionProblem problem;
  private final String culprit;

  public AttentionFileException(AttentionProblem problem, String culprit, String message) {
    super(message);
    this.problem = problem;
    this.culprit = culprit;
  }

  /** The contract reader's finding, as the mask library reports it. */
  AttentionFileException(AttentionFormatException e) {
    super(e.getMessage(), e);
    this.problem = e.problem();
    this.culprit = e.culprit();
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
