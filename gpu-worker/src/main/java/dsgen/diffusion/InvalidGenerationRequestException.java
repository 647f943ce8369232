package dsgen.diffusion;

/** A generation request that cannot be run as asked: the message names the field and why. */
public class InvalidGenerationRequestException extends RuntimeException {
  private final String field;

  public InvalidGenerationRequestException(String field, String reason) {
    super(field + ": " + reason);
    this.field = field;
  }

  /** The request field at fault (e.g. {@code classes}, {@code steps}). */
  public String field() {
    return field;
  }
}
