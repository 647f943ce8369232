package dsgen.maskstage.pair;

import java.util.List;

/** Which recipes a generation goes through, or why none can be chosen. */
public sealed interface RecipePlan {

  /** Run these recipes (the job's, or a replay's). */
  record Run(List<RecipeRequest> recipes) implements RecipePlan {
    public Run {
      recipes = List.copyOf(recipes);
    }
  }

  /** The generation names a job that is not on dsgen.jobs, so its recipes are unknown. */
  record UnknownJob(String jobId) implements RecipePlan {}

  /**
   * The generation's job is on dsgen.jobs, but in a form this build cannot decode (e.g. a newer
   * schema).
   */
  record UndecodableJob(String jobId, String reason) implements RecipePlan {}

  /** The record carried no generation at all (a null value). */
  record NoGeneration() implements RecipePlan {}
}
