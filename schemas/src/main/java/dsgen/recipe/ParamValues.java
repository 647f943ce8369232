package dsgen.recipe;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** Turns parameter text into typed values and checks them against their {@link ParamSpec}. */
final class ParamValues {
  private ParamValues() {}

  /**
   * Parses the command-line form: numbers, true/false, lists comma-separated (optionally in
   * brackets). Returns Integer, Double, Boolean or an unmodifiable List of Integer/Double.
   */
  static Object parse(String method, ParamSpec spec, String text) {
    String s = text == null ? "" : text.trim();
    return switch (spec.type()) {
      case INT -> parseInt(method, spec, s);
      case FLOAT -> parseDouble(method, spec, s);
      case BOOL -> parseBool(method, spec, s);
      case INT_LIST, FLOAT_LIST -> parseList(method, spec, s);
    };
  }

  private static Object parseList(String method, ParamSpec spec, String s) {
    String body = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1).trim() : s;
    if (body.isEmpty()) {
      throw bad(method, spec, "an empty list; expected " + spec.type().expected());
    }
    List<Object> out = new ArrayList<>();
    for (String item : body.split(",", -1)) {
      String t = item.trim();
      if (t.isEmpty()) {
        throw bad(
            method, spec, "'" + s + "' has an empty element; expected " + spec.type().expected());
      }
      out.add(
          spec.type() == ParamType.INT_LIST
              ? parseInt(method, spec, t)
              : parseDouble(method, spec, t));
    }
    return List.copyOf(out);
  }

  private static Integer parseInt(String method, ParamSpec spec, String s) {
    try {
      return Integer.valueOf(s);
    } catch (NumberFormatException e) {
      throw bad(method, spec, "'" + s + "' is not an integer; expected " + spec.type().expected());
    }
  }

  private static Double parseDouble(String method, ParamSpec spec, String s) {
    double d;
    try {
      d = Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw bad(method, spec, "'" + s + "' is not a number; expected " + spec.type().expected());
    }
    if (!Double.isFinite(d)) {
      throw bad(method, spec, "'" + s + "' is not a finite number");
    }
    return d;
  }

  private static Boolean parseBool(String method, ParamSpec spec, String s) {
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> throw bad(method, spec, "'" + s + "' is not a boolean; expected true or false");
    };
  }

  /**
   * Checks a typed value: range, list shape, and (when topResolution > 0) that resolutions exist in
   * a model of that top resolution. Returns the value in canonical Java types.
   */
  static Object check(String method, ParamSpec spec, Object value, int topResolution) {
    if (spec.type().isList()) {
      if (!(value instanceof List<?> list) || list.isEmpty()) {
        throw bad(method, spec, "needs a non-empty list; expected " + spec.type().expected());
      }
      List<Object> out = new ArrayList<>();
      for (Object element : list) {
        out.add(checkScalar(method, spec, element, topResolution));
      }
      checkListShape(method, spec, out);
      return List.copyOf(out);
    }
    return checkScalar(method, spec, value, topResolution);
  }

  private static Object checkScalar(
      String method, ParamSpec spec, Object value, int topResolution) {
    ParamType scalar =
        switch (spec.type()) {
          case INT_LIST -> ParamType.INT;
          case FLOAT_LIST -> ParamType.FLOAT;
          default -> spec.type();
        };
    if (scalar == ParamType.BOOL) {
      if (!(value instanceof Boolean)) {
        throw bad(method, spec, "'" + value + "' is not a boolean; expected true or false");
      }
      return value;
    }
    if (!(value instanceof Number n)) {
      throw bad(method, spec, "'" + value + "' is not " + spec.type().expected());
    }
    double d = n.doubleValue();
    Object typed;
    if (scalar == ParamType.INT) {
      if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
        throw bad(method, spec, "'" + CanonicalJson.number(d) + "' is not an integer");
      }
      typed = (int) d;
    } else {
      typed = d;
    }
    boolean aboveMin = spec.minInclusive() ? d >= spec.min() : d > spec.min();
    boolean belowMax = spec.maxInclusive() ? d <= spec.max() : d < spec.max();
    if (!aboveMin || !belowMax) {
      throw new InvalidRecipeException(
          method,
          spec.name(),
          "recipe "
              + method
              + ": parameter "
              + spec.name()
              + " = "
              + CanonicalJson.number(d)
              + " is out of range; it must be "
              + spec.rangeText());
    }
    if (spec.resolution()
        && topResolution > 0
        && !Resolutions.available(topResolution).contains((int) d)) {
      throw new InvalidRecipeException(
          method,
          spec.name(),
          "recipe "
              + method
              + ": parameter "
              + spec.name()
              + ": resolution "
              + (int) d
              + " is not available; a model of top resolution "
              + topResolution
              + " has attention at "
              + Resolutions.available(topResolution));
    }
    return typed;
  }

  private static void checkListShape(String method, ParamSpec spec, List<Object> values) {
    if (spec.increasing()) {
      for (int i = 1; i < values.size(); i++) {
        if (((Number) values.get(i)).doubleValue() <= ((Number) values.get(i - 1)).doubleValue()) {
          throw bad(method, spec, values + " must be strictly increasing");
        }
      }
    } else if (new TreeSet<>(values.stream().map(v -> ((Number) v).doubleValue()).toList()).size()
        != values.size()) {
      throw bad(method, spec, values + " repeats a value");
    }
  }

  private static InvalidRecipeException bad(String method, ParamSpec spec, String what) {
    return new InvalidRecipeException(
        method, spec.name(), "recipe " + method + ": parameter " + spec.name() + ": " + what);
  }
}
