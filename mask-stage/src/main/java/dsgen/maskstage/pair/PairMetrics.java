package dsgen.maskstage.pair;

import dsgen.records.Pair;

/**
 * What the stage reports about its work; the service backs it with Prometheus meters, the replay
 * with counters.
 */
public interface PairMetrics {

  /** A pair was written; its recipe, dataset and timings are in the record. */
  void pairWritten(Pair pair);

  void alreadyDone(String recipeId);

  void deadLetter(FailureKind kind);

  static PairMetrics none() {
    return new PairMetrics() {
      @Override
      public void pairWritten(Pair pair) {}

      @Override
      public void alreadyDone(String recipeId) {}

      @Override
      public void deadLetter(FailureKind kind) {}
    };
  }
}
