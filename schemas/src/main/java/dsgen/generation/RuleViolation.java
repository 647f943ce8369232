package dsgen.generation;

/**
 * A value a generation rule refuses: which rule, and the reason naming the allowed range and the
 * value given (for a person; the caller puts its own field name in front).
 */
public record RuleViolation(Rule rule, String reason) {
  public enum Rule {
    PROMPT_EMPTY,
    PROMPT_LENGTH,
    CLASS_NAME_EMPTY,
    CLASS_NOT_IN_PROMPT,
    LABEL,
    SIZE_MULTIPLE,
    SIZE_TOO_LARGE,
    STEPS,
    GUIDANCE,
    ATTENTION_DTYPE,
    ATTENTION_ENCODING
  }

  /** {@code field: reason}, the one-line form dead letters and exceptions carry. */
  public String describe(String field) {
    return field + ": " + reason;
  }
}
