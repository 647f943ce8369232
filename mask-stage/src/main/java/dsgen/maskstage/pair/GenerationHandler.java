package dsgen.maskstage.pair;

import dsgen.recipe.Recipe;
import dsgen.records.ClassEntry;
import dsgen.records.Generation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Runs the recipes of one generation: skips the recipes already done for the image, fetches the
 * inputs once for the rest, and returns one outcome per remaining recipe. Holds no Kafka types, so
 * it reads as the stage's logic.
 */
public final class GenerationHandler {

  private final PairMaker maker;

  public GenerationHandler(PairMaker maker) {
    this.maker = maker;
  }

  /**
   * @param alreadyDone recipeId → whether this image already has a pair for it
   * @param datasetClasses classes of the other jobs feeding the generation's dataset (for
   *     labels.json)
   */
  public List<Outcome> handle(
      Generation g,
      RecipePlan plan,
      Predicate<String> alreadyDone,
      Collection<ClassEntry> datasetClasses) {
    if (plan instanceof RecipePlan.NoGeneration) {
      return List.of(
          new Outcome.Failed(
              FailureKind.UNDECODABLE_RECORD,
              null,
              "record on the generations topic has no value",
              null));
    }
    if (plan instanceof RecipePlan.UnknownJob unknown) {
      return List.of(
          new Outcome.Failed(
              FailureKind.UNKNOWN_JOB,
              null,
              "image "
                  + g.getImageId()
                  + " belongs to job '"
                  + unknown.jobId()
                  + "', which is not on the jobs topic",
              null));
    }
    if (plan instanceof RecipePlan.UndecodableJob undecodable) {
      return List.of(
          new Outcome.Failed(
              FailureKind.UNDECODABLE_JOB,
              null,
              "image "
                  + g.getImageId()
                  + " belongs to job '"
                  + undecodable.jobId()
                  + "', whose record on the jobs topic cannot be decoded: "
                  + undecodable.reason(),
              null));
    }
    List<Outcome> outcomes = new ArrayList<>();
    Map<String, Recipe> pending = new LinkedHashMap<>();
    for (RecipeRequest request : ((RecipePlan.Run) plan).recipes()) {
      Recipe recipe;
      try {
        recipe = request.resolve(g);
      } catch (IllegalArgumentException e) {
        outcomes.add(
            new Outcome.Failed(
                FailureKind.INVALID_RECIPE,
                request.label(),
                "recipe " + request.label() + " cannot run: " + e.getMessage(),
                e));
        continue;
      }
      if (alreadyDone.test(recipe.recipeId())) {
        outcomes.add(new Outcome.AlreadyDone(recipe.recipeId()));
        continue;
      }
      try {
        PairMaker.requireTensorsIfListed(g, recipe);
        pending.putIfAbsent(recipe.recipeId(), recipe);
      } catch (PairFailure f) {
        outcomes.add(new Outcome.Failed(f.kind(), recipe.recipeId(), f.getMessage(), f));
      }
    }
    if (pending.isEmpty()) {
      return outcomes;
    }
    PairMaker.Fetched fetched;
    try {
      fetched = maker.fetch(g);
    } catch (PairFailure f) {
      pending
          .keySet()
          .forEach(id -> outcomes.add(new Outcome.Failed(f.kind(), id, f.getMessage(), f)));
      return outcomes;
    }
    Collection<ClassEntry> labels = union(datasetClasses, g.getClasses());
    for (Recipe recipe : pending.values()) {
      try {
        outcomes.add(new Outcome.Made(maker.make(g, fetched, recipe, labels)));
      } catch (PairFailure f) {
        outcomes.add(new Outcome.Failed(f.kind(), recipe.recipeId(), f.getMessage(), f));
      }
    }
    return outcomes;
  }

  private static Collection<ClassEntry> union(Collection<ClassEntry> a, Collection<ClassEntry> b) {
    Map<String, ClassEntry> byNameAndLabel = new LinkedHashMap<>();
    for (ClassEntry c : a) {
      byNameAndLabel.putIfAbsent(c.getLabel() + "/" + c.getName(), c);
    }
    for (ClassEntry c : b) {
      byNameAndLabel.putIfAbsent(c.getLabel() + "/" + c.getName(), c);
    }
    return byNameAndLabel.values();
  }
}
