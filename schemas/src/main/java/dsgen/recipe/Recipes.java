package dsgen.recipe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The recipe catalogue (docs/algorithms.md#recipes): method names, parameters with defaults
 * relative to the top attention resolution R, validation, canonical JSON and recipe ids. The
 * numerics live in the mask stage.
 */
public final class Recipes {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Recipes() {}

  /** Method names in catalogue order: seediff, seediff-code, dataset-diffusion, diffumask, pcc. */
  public static List<String> methods() {
    return List.copyOf(Catalogue.methods().keySet());
  }

  /** The parameter definitions of a method. */
  public static MethodSpec spec(String method) {
    MethodSpec spec = Catalogue.methods().get(method);
    if (spec == null) {
      throw new InvalidRecipeException(
          method,
          null,
          "unknown recipe method '" + method + "' (known: " + String.join(", ", methods()) + ")");
    }
    return spec;
  }

  /** The default recipe of a method for a model of top resolution R. */
  public static Recipe defaults(String method, int topResolution) {
    return resolve(method, Map.of(), topResolution);
  }

  /**
   * Resolves a recipe: parameters given in their command-line text form override the defaults for
   * top resolution R; every value is checked.
   *
   * @throws InvalidRecipeException naming the method and parameter when something is wrong
   */
  public static Recipe resolve(String method, Map<String, String> params, int topResolution) {
    MethodSpec spec = spec(method);
    checkTopResolution(method, topResolution);
    Map<String, Object> typed = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : params.entrySet()) {
      ParamSpec p = param(spec, e.getKey());
      typed.put(p.name(), ParamValues.parse(method, p, e.getValue()));
    }
    SortedMap<String, Object> resolved = new TreeMap<>();
    for (ParamSpec p : spec.params()) {
      Object value =
          typed.containsKey(p.name()) ? typed.get(p.name()) : p.defaultFor().apply(topResolution);
      resolved.put(p.name(), ParamValues.check(method, p, value, topResolution));
    }
    return build(spec, resolved);
  }

  /**
   * Reads a recipe back from its canonical JSON (or any JSON {"method", "params"} naming every
   * parameter). The resolution parameters cannot be checked against a model here; the mask stage
   * checks the tensors it reads.
   */
  public static Recipe fromCanonicalJson(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidRecipeException(
          null, null, "recipe JSON is not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null
        || !root.isObject()
        || !root.path("method").isTextual()
        || !root.path("params").isObject()) {
      throw new InvalidRecipeException(
          null, null, "recipe JSON must be {\"method\": \"...\", \"params\": {...}}");
    }
    MethodSpec spec = spec(root.get("method").asText());
    JsonNode params = root.get("params");
    for (Iterator<String> it = params.fieldNames(); it.hasNext(); ) {
      param(spec, it.next());
    }
    SortedMap<String, Object> resolved = new TreeMap<>();
    for (ParamSpec p : spec.params()) {
      JsonNode node = params.get(p.name());
      if (node == null) {
        throw new InvalidRecipeException(
            spec.name(),
            p.name(),
            "recipe "
                + spec.name()
                + ": parameter "
                + p.name()
                + " is missing (a stored recipe lists every parameter)");
      }
      resolved.put(p.name(), ParamValues.check(spec.name(), p, fromJson(node), 0));
    }
    return build(spec, resolved);
  }

  private static Object fromJson(JsonNode node) {
    if (node.isArray()) {
      List<Object> out = new ArrayList<>();
      node.forEach(n -> out.add(fromJson(n)));
      return out;
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    return node.asText();
  }

  private static Recipe build(MethodSpec spec, SortedMap<String, Object> resolved) {
    spec.crossCheck(resolved)
        .ifPresent(
            e -> {
              throw e;
            });
    String canonical = CanonicalJson.write(Map.of("method", spec.name(), "params", resolved));
    return new Recipe(
        spec.name(), resolved, canonical, spec.name() + "-" + sha256Hex(canonical).substring(0, 8));
  }

  private static ParamSpec param(MethodSpec spec, String name) {
    return spec.param(name)
        .orElseThrow(
            () ->
                new InvalidRecipeException(
                    spec.name(),
                    name,
                    "recipe "
                        + spec.name()
                        + ": unknown parameter '"
                        + name
                        + "' (known: "
                        + String.join(", ", spec.params().stream().map(ParamSpec::name).toList())
                        + ")"));
  }

  private static void checkTopResolution(String method, int topResolution) {
    try {
      Resolutions.available(topResolution);
    } catch (IllegalArgumentException e) {
      throw new InvalidRecipeException(method, null, "recipe " + method + ": " + e.getMessage());
    }
  }

  static String sha256Hex(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** Names of the parameters of a method, for help texts. */
  public static Set<String> paramNames(String method) {
    Set<String> out = new java.util.LinkedHashSet<>();
    spec(method).params().forEach(p -> out.add(p.name()));
    return out;
  }
}
