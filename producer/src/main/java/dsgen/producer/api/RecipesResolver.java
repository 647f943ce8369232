package dsgen.producer.api;

import dsgen.recipe.InvalidRecipeException;
import dsgen.recipe.Recipe;
import dsgen.recipe.Recipes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The job's mask recipes, resolved by the recipe catalogue for the job's top attention resolution
 * (image side / 8), so every default is filled in and the recipe id is the one the mask stage will
 * compute.
 */
final class RecipesResolver {
  private RecipesResolver() {}

  static List<Recipe> resolve(
      List<JobRequest.RecipeRequest> requested, int topResolution, Violations violations) {
    if (requested == null || requested.isEmpty()) {
      violations.add(
          "recipes", "at least one recipe is required, e.g. [{\"method\": \"seediff\"}]");
      return List.of();
    }
    List<Recipe> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < requested.size(); i++) {
      JobRequest.RecipeRequest r = requested.get(i);
      String field = "recipes[" + i + "]";
      if (r == null || r.method() == null || r.method().isBlank()) {
        violations.add(field + ".method", "is required");
        continue;
      }
      Map<String, String> params = textParams(r.params(), field + ".params", violations);
      if (params == null || topResolution <= 0) {
        continue;
      }
      try {
        Recipe recipe = Recipes.resolve(r.method(), params, topResolution);
        if (!ids.add(recipe.recipeId())) {
          violations.add(field, "same recipe as an earlier one (" + recipe.recipeId() + ")");
        } else {
          out.add(recipe);
        }
      } catch (InvalidRecipeException e) {
        violations.add(
            e.parameter() == null ? field + ".method" : field + ".params." + e.parameter(),
            e.getMessage());
      }
    }
    return out;
  }

  /**
   * Recipe parameters travel as text, exactly as on the command line: lists comma-separated,
   * booleans true/false.
   */
  private static Map<String, String> textParams(
      Map<String, Object> params, String field, Violations violations) {
    Map<String, String> out = new LinkedHashMap<>();
    if (params == null) {
      return out;
    }
    int before = violations.count();
    params.forEach(
        (key, value) -> {
          String text = asText(value);
          if (text == null) {
            violations.add(field + "." + key, "must be a number, boolean, string or list of those");
          } else {
            out.put(key, text);
          }
        });
    return violations.count() == before ? out : null;
  }

  private static String asText(Object value) {
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    if (value instanceof List<?> list) {
      List<String> parts = list.stream().map(RecipesResolver::asText).collect(Collectors.toList());
      return parts.contains(null) || list.stream().anyMatch(v -> v instanceof List<?>)
          ? null
          : String.join(",", parts);
    }
    return null;
  }
}
