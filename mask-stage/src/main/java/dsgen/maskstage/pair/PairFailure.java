package dsgen.maskstage.pair;

/**
 * A generation that cannot become a pair for a recipe, for a reason in its input: retrying cannot
 * help, so the stage dead-letters it and moves on. The message says what was wrong, naming the
 * tensor, object or field.
 */
public final class PairFailure extends Exception {

  private final FailureKind kind;

  public PairFailure(FailureKind kind, String message) {
    this(kind, message, null);
  }

  public PairFailure(FailureKind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public FailureKind kind() {
    return kind;
  }
}
