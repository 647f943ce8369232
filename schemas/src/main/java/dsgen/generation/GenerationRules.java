package dsgen.generation;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules a generation request must satisfy, written once for the job API, the worker's task
 * check and the diffusion pipeline, so that the API refuses exactly what a worker would refuse and
 * with the same reason. Rules that depend on the model take its {@link ModelLimits}; the others are
 * static. Every check returns the violation, or empty when the value is allowed. Pure: no I/O.
 */
public final class GenerationRules {
  /**
   * Below 1 classifier-free guidance pushes the image away from its prompt; above 50 images
   * saturate.
   */
  public static final double MIN_GUIDANCE = 1;

  public static final double MAX_GUIDANCE = 50;

  /** Labels 1..254 name classes; 0 is background and 255 the ignore band of the dataset masks. */
  public static final int MIN_LABEL = 1;

  public static final int MAX_LABEL = 254;

  /** Characters of a final prompt (or negative or class prompt): keeps records and keys small. */
  public static final int MAX_PROMPT_LENGTH = 400;

  /** Storage precisions of attention files. */
  public static final List<String> ATTENTION_DTYPES = List.of("float16", "float32");

  private final ModelLimits limits;

  public GenerationRules(ModelLimits limits) {
    this.limits = limits;
  }

  public ModelLimits limits() {
    return limits;
  }

  /** One image side (width or height). */
  public Optional<RuleViolation> size(int side) {
    int m = limits.sizeMultiple();
    String allowed = "must be a multiple of " + m + " in " + m + ".." + limits.maxSize();
    if (side < m || side % m != 0) {
      return violation(RuleViolation.Rule.SIZE_MULTIPLE, allowed + ", was " + side);
    }
    if (side > limits.maxSize()) {
      return violation(
          RuleViolation.Rule.SIZE_TOO_LARGE, allowed + " (this model's maximum), was " + side);
    }
    return Optional.empty();
  }

  public Optional<RuleViolation> steps(int steps) {
    return steps(steps, limits.maxSteps());
  }

  /** Steps against a bound narrower than the model's (the sampler a request picked). */
  public static Optional<RuleViolation> steps(int steps, int maxSteps) {
    if (steps < 1 || steps > maxSteps) {
      return violation(RuleViolation.Rule.STEPS, "must be 1.." + maxSteps + ", was " + steps);
    }
    return Optional.empty();
  }

  public static Optional<RuleViolation> guidance(double scale) {
    if (!(scale >= MIN_GUIDANCE && scale <= MAX_GUIDANCE)) {
      return violation(
          RuleViolation.Rule.GUIDANCE,
          "must be in " + number(MIN_GUIDANCE) + ".." + number(MAX_GUIDANCE) + ", was " + scale);
    }
    return Optional.empty();
  }

  public static Optional<RuleViolation> label(int label) {
    if (label < MIN_LABEL || label > MAX_LABEL) {
      return violation(
          RuleViolation.Rule.LABEL,
          "must be "
              + MIN_LABEL
              + ".."
              + MAX_LABEL
              + " (0 is background, 255 ignore), was "
              + label);
    }
    return Optional.empty();
  }

  /** A prompt that must be given: not blank, at most {@link #MAX_PROMPT_LENGTH} characters. */
  public static Optional<RuleViolation> prompt(String prompt) {
    if (prompt == null || prompt.isBlank()) {
      return violation(RuleViolation.Rule.PROMPT_EMPTY, "is blank");
    }
    return promptLength(prompt);
  }

  /** A prompt that may be empty (negative, class prompt): at most the same length. */
  public static Optional<RuleViolation> promptLength(String prompt) {
    if (prompt != null && prompt.length() > MAX_PROMPT_LENGTH) {
      return violation(
          RuleViolation.Rule.PROMPT_LENGTH,
          "must be at most " + MAX_PROMPT_LENGTH + " characters, was " + prompt.length());
    }
    return Optional.empty();
  }

  /** A class of a prompt: a name that occurs in the prompt as a whole word. */
  public static Optional<RuleViolation> classInPrompt(String prompt, String className) {
    if (className == null || className.isBlank()) {
      return violation(RuleViolation.Rule.CLASS_NAME_EMPTY, "a class has an empty name");
    }
    if (!mentions(prompt, className)) {
      return violation(
          RuleViolation.Rule.CLASS_NOT_IN_PROMPT,
          "class '" + className.strip() + "' does not occur as a word in '" + prompt + "'");
    }
    return Optional.empty();
  }

  /** {@code lossless} or {@code compact} ({@link dsgen.attention.AttentionFormat#ofEncoding}). */
  public static Optional<RuleViolation> attentionEncoding(String encoding) {
    try {
      dsgen.attention.AttentionFormat.ofEncoding(encoding);
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return violation(RuleViolation.Rule.ATTENTION_ENCODING, e.getMessage());
    }
  }

  public static Optional<RuleViolation> attentionDtype(String dtype) {
    if (!ATTENTION_DTYPES.contains(dtype)) {
      return violation(
          RuleViolation.Rule.ATTENTION_DTYPE,
          "must be one of " + String.join(", ", ATTENTION_DTYPES) + ", was '" + dtype + "'");
    }
    return Optional.empty();
  }

  /**
   * Whole-word, case-insensitive occurrence: attention is read from the class word's own tokens, so
   * a class inside another word ("cat" in "category", "cats", "bobcat") does not count.
   */
  public static boolean mentions(String prompt, String className) {
    if (prompt == null) {
      return false;
    }
    Pattern word =
        Pattern.compile(
            "(?<![\\p{L}\\p{N}])"
                + Pattern.quote(className.strip().toLowerCase(Locale.ROOT))
                + "(?![\\p{L}\\p{N}])");
    return word.matcher(prompt.toLowerCase(Locale.ROOT)).find();
  }

  private static Optional<RuleViolation> violation(RuleViolation.Rule rule, String reason) {
    return Optional.of(new RuleViolation(rule, reason));
  }

  /** 1 and 50 print as such, 0.5 as 0.5. */
  private static String number(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
