package dsgen.recipe;

/**
 * A recipe that cannot run: unknown method or parameter, a value of the wrong kind, out of range, a
 * bad list or a resolution the model does not have. The message names the method and the parameter.
 */
public final class InvalidRecipeException extends IllegalArgumentException {
  private final String method;
  private final String parameter;

  public InvalidRecipeException(String method, String parameter, String message) {
    super(message);
    this.method = method;
    this.parameter = parameter;
  }

  /** The method the recipe names (may be unknown). */
  public String method() {
    return method;
  }

  /** The offending parameter, or null when the method itself is the problem. */
  public String parameter() {
    return parameter;
  }
}
