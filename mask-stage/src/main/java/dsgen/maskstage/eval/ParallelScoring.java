package dsgen.maskstage.eval;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.LongConsumer;

/**
 * Scores items (image pairs) on the common fork-join pool, each into its own matrix, and sums the
 * matrices in item order: decoding PNGs is the cost, and it parallelises.
 */
final class ParallelScoring {

  private ParallelScoring() {}

  /**
   * @param score adds one item's pixels to the matrix it is given
   * @param progress told the number of items scored so far, one call at a time
   */
  static <T> ConfusionMatrix sum(
      List<T> items,
      ClassList classes,
      ConfusionMatrix.PredictionIgnore rule,
      BiConsumer<ConfusionMatrix, T> score,
      LongConsumer progress) {
    AtomicLong done = new AtomicLong();
    ConfusionMatrix total = new ConfusionMatrix(classes, rule);
    items.parallelStream()
        .map(
            item -> {
              ConfusionMatrix one = new ConfusionMatrix(classes, rule);
              score.accept(one, item);
              long n = done.incrementAndGet();
              synchronized (progress) {
                progress.accept(n);
              }
              return one;
            })
        .forEachOrdered(total::addAll);
    return total;
  }
}
