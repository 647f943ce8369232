package dsgen.recipe;

/**
 * The value kinds a recipe parameter can take; lists are written comma-separated on the command
 * line.
 */
public enum ParamType {
  INT("an integer"),
  FLOAT("a number"),
  BOOL("true or false"),
  INT_LIST("a comma-separated list of integers"),
  FLOAT_LIST("a comma-separated list of numbers");

  private final String expected;

  ParamType(String expected) {
    this.expected = expected;
  }

  /** How a person should write a value of this kind, for error messages. */
  public String expected() {
    return expected;
  }

  public boolean isList() {
    return this == INT_LIST || this == FLOAT_LIST;
  }
}
