package dsgen.recipe;

import java.util.function.IntFunction;

/**
 * One parameter of a mask method: its kebab-case name (the same in recipe.json, on the command line
 * and in job requests), its kind, its default for the top attention resolution R, and its
 * admissible values.
 *
 * @param name kebab-case name
 * @param type value kind
 * @param description one line for people
 * @param defaultFor default value for a top resolution R (Integer, Double, Boolean or List of them)
 * @param min smallest admissible number (each element for lists)
 * @param minInclusive whether {@code min} itself is admissible
 * @param max largest admissible number (each element for lists)
 * @param maxInclusive whether {@code max} itself is admissible
 * @param resolution values must be attention resolutions the model has (R, R/2, R/4, R/8)
 * @param increasing list elements must be strictly increasing
 */
public record ParamSpec(
    String name,
    ParamType type,
    String description,
    IntFunction<Object> defaultFor,
    double min,
    boolean minInclusive,
    double max,
    boolean maxInclusive,
    boolean resolution,
    boolean increasing) {

  static ParamSpec number(
      String name,
      ParamType type,
      String description,
      IntFunction<Object> defaultFor,
      double min,
      boolean minInclusive,
      double max,
      boolean maxInclusive) {
    return new ParamSpec(
        name, type, description, defaultFor, min, minInclusive, max, maxInclusive, false, false);
  }

  static ParamSpec flag(String name, String description, boolean defaultValue) {
    return new ParamSpec(
        name, ParamType.BOOL, description, r -> defaultValue, 0, true, 0, true, false, false);
  }

  /** A single attention resolution. */
  static ParamSpec resolution(String name, String description, IntFunction<Object> defaultFor) {
    return new ParamSpec(
        name,
        ParamType.INT,
        description,
        defaultFor,
        1,
        true,
        Integer.MAX_VALUE,
        true,
        true,
        false);
  }

  /** A strictly increasing list of attention resolutions. */
  static ParamSpec resolutions(String name, String description, IntFunction<Object> defaultFor) {
    return new ParamSpec(
        name,
        ParamType.INT_LIST,
        description,
        defaultFor,
        1,
        true,
        Integer.MAX_VALUE,
        true,
        true,
        true);
  }

  /** Human form of the admissible range, e.g. "in [0, 1]" or "at least 1". */
  String rangeText() {
    boolean hasMax = max != Integer.MAX_VALUE && max != Double.MAX_VALUE;
    String lo = (minInclusive ? "[" : "(") + CanonicalJson.number(min);
    if (!hasMax) {
      return (minInclusive ? "at least " : "greater than ") + CanonicalJson.number(min);
    }
    return "in " + lo + ", " + CanonicalJson.number(max) + (maxInclusive ? "]" : ")");
  }
}
