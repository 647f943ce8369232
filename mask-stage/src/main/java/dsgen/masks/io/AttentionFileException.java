package dsgen.masks.io;

/**
 * An attention file that cannot be used, with the tensor or metadata field at fault. The mask stage
 * turns it into a dead letter whose reason is {@link #getMessage()}.
 */
public final class AttentionFileException extends RuntimeException {
  /** What is wrong. */
  public enum Problem {
    /** Not a safetensors file, or its header contradicts itself. */
    MALFORMED,
    /** The metadata {@code format} is not {@value AttentionMetadata#FORMAT}. */
    UNKNOWN_FORMAT,
    /** A metadata field is missing or cannot be parsed. */
    BAD_METADATA,
    /** A recipe needs a tensor the capture did not include. */
    MISSING_TENSOR,
    /** A tensor's shape does not match ALGORITHMS.md A2. */
    BAD_SHAPE,
    /** A tensor dtype other than F32, F16 or BF16. */
    UNSUPPORTED_DTYPE,
    /** A tensor holds NaN or infinity. */
    NON_FINITE,
    /** A class token index lies outside its text. */
    TOKEN_OUT_OF_RANGE,
    /**
     * A class has no map to locate it by: no tokens in the text the method reads, or a constant
     * map.
     */
    EMPTY_CLASS_MAP
  }

  private final Problem problem;
  private final String culprit;

  public AttentionFileException(Problem problem, String culprit, String message) {
    super(message);
    this.problem = problem;
    this.culprit = culprit;
  }

  public Problem problem() {
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
