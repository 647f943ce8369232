package dsgen.maskstage.pair;

import dsgen.records.Pair;

/**
 * What became of one (generation, recipe): a pair written to the dataset, nothing because it was
 * already done, or a failure to dead-letter.
 */
public sealed interface Outcome {

  record Made(Pair pair) implements Outcome {}

  /**
   * The image already has a pair for this recipe (a duplicate generation record): nothing is
   * written.
   */
  record AlreadyDone(String recipeId) implements Outcome {}

  /**
   * @param recipeId the recipe that failed, or {@code null} when the failure precedes any recipe
   */
  record Failed(FailureKind kind, String recipeId, String message, Throwable cause)
      implements Outcome {}
}
