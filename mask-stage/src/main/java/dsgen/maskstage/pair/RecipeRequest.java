package dsgen.maskstage.pair;

import dsgen.recipe.InvalidRecipeException;
import dsgen.recipe.Recipe;
import dsgen.recipe.Recipes;
import dsgen.records.Generation;
import dsgen.records.RecipeRef;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** A recipe to run on a generation, as the job stored it or as a replay asked for it. */
public sealed interface RecipeRequest {

  /**
   * The resolved recipe for this generation.
   *
   * @throws InvalidRecipeException naming the method and parameter
   */
  Recipe resolve(Generation generation);

  /** What to call the recipe in a dead letter when it cannot be resolved. */
  String label();

  /** A recipe of a job: already resolved by the producer, read back from its canonical JSON. */
  record Stored(RecipeRef ref) implements RecipeRequest {

    @Override
    public Recipe resolve(Generation generation) {
      Recipe recipe = Recipes.fromCanonicalJson(ref.getCanonicalJson());
      if (!recipe.recipeId().equals(ref.getRecipeId())) {
        throw new InvalidRecipeException(
            ref.getMethod(),
            null,
            "recipe "
                + ref.getRecipeId()
                + " does not match its canonical JSON, which hashes to "
                + recipe.recipeId());
      }
      return recipe;
    }

    @Override
    public String label() {
      return ref.getRecipeId();
    }
  }

  /**
   * A replayed recipe: method and the parameters given on the command line. Defaults depend on the
   * top attention resolution, so it is resolved per generation (R = image width / 8).
   */
  record Spec(String method, SortedMap<String, String> params) implements RecipeRequest {

    public Spec(String method, Map<String, String> params) {
      this(method, new TreeMap<>(params));
    }

    @Override
    public Recipe resolve(Generation generation) {
      return Recipes.resolve(method, params, generation.getParams().getWidth() / 8);
    }

    @Override
    public String label() {
      return method;
    }
  }
}
