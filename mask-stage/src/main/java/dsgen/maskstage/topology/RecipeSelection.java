package dsgen.maskstage.topology;

import dsgen.maskstage.pair.RecipePlan;
import dsgen.maskstage.pair.RecipeRequest;
import dsgen.records.Generation;
import dsgen.records.JobSpec;
import java.util.List;
import java.util.Optional;

/**
 * Where the recipes of a generation come from: its job (the service), or a fixed set (a replay).
 */
public sealed interface RecipeSelection {

  /** The recipes of the generation's job, looked up on the compacted jobs topic. */
  record FromJobs() implements RecipeSelection {

    /** The plan for a generation and its job ({@code null} when the job is unknown). */
    public static PlannedGeneration plan(Generation g, JobSpec job) {
      if (job == null) {
        return new PlannedGeneration(g, new RecipePlan.UnknownJob(g.getJobId()));
      }
      List<RecipeRequest> recipes =
          job.getRecipes().stream().<RecipeRequest>map(RecipeRequest.Stored::new).toList();
      return new PlannedGeneration(g, new RecipePlan.Run(recipes));
    }
  }

  /**
   * A replay: the same recipes for every generation, optionally only those of one job and/or one
   * dataset.
   */
  record Replay(List<RecipeRequest.Spec> recipes, Optional<String> jobId, Optional<String> dataset)
      implements RecipeSelection {

    public Replay {
      if (recipes.isEmpty()) {
        throw new IllegalArgumentException("a replay needs at least one recipe");
      }
      recipes = List.copyOf(recipes);
    }

    /**
     * Whether a generation is in the replay's scope; records without a value are kept, to be
     * dead-lettered.
     */
    public boolean selects(String imageId, Generation g) {
      return g == null
          || jobId.map(g.getJobId()::equals).orElse(true)
              && dataset.map(g.getDataset()::equals).orElse(true);
    }

    public PlannedGeneration plan(Generation g) {
      if (g == null) {
        return new PlannedGeneration(null, new RecipePlan.NoGeneration());
      }
      return new PlannedGeneration(g, new RecipePlan.Run(List.copyOf(recipes)));
    }
  }
}
