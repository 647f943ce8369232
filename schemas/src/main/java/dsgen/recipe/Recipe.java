package dsgen.recipe;

import dsgen.attention.TensorName;
import dsgen.records.RecipeRef;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * A resolved mask recipe: a method and every one of its parameters (Integer, Double, Boolean or
 * List values), the canonical JSON {@code {"method":...,"params":{...}}} and {@code recipeId =
 * method-<8 hex of sha256(canonicalJson)>}. Build one with {@link Recipes#resolve} or {@link
 * Recipes#fromCanonicalJson}.
 */
public record Recipe(
    String method, SortedMap<String, Object> params, String canonicalJson, String recipeId) {

  public Recipe {
    params = Collections.unmodifiableSortedMap(new TreeMap<>(params));
  }

  /**
   * The attention tensors this recipe reads, for a model of top resolution R (pcc reads {@code
   * ovam_R}; the other methods name their resolutions in their parameters).
   */
  public SortedSet<TensorName> requiredTensors(int topResolution) {
    return Recipes.spec(method).requiredTensors(params, topResolution);
  }

  public RecipeRef toRef() {
    return RecipeRef.newBuilder()
        .setRecipeId(recipeId)
        .setMethod(method)
        .setCanonicalJson(canonicalJson)
        .build();
  }

  public int intParam(String name) {
    return ((Number) require(name)).intValue();
  }

  public double doubleParam(String name) {
    return ((Number) require(name)).doubleValue();
  }

  public boolean boolParam(String name) {
    return (Boolean) require(name);
  }

  public int[] intsParam(String name) {
    return ((List<?>) require(name)).stream().mapToInt(v -> ((Number) v).intValue()).toArray();
  }

  public double[] doublesParam(String name) {
    return ((List<?>) require(name))
        .stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
  }

  private Object require(String name) {
    Object v = params.get(name);
    if (v == null) {
      throw new IllegalArgumentException("recipe " + recipeId + " has no parameter " + name);
    }
    return v;
  }

  /** The recipe.json form {"method", "params"} as a map (for pretty printing). */
  public Map<String, Object> asJsonObject() {
    return Map.of("method", method, "params", params);
  }
}
