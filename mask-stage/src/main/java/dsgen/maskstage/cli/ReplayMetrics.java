package dsgen.maskstage.cli;

import dsgen.maskstage.pair.FailureKind;
import dsgen.maskstage.pair.PairMetrics;
import dsgen.records.MaskTimings;
import dsgen.records.Pair;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what a replay did, for its progress line and its summary. Stream threads update it
 * concurrently.
 */
final class ReplayMetrics implements PairMetrics {

  private final Map<String, LongAdder> pairsByFolder = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> deadLettersByReason = new ConcurrentHashMap<>();
  private final LongAdder pairs = new LongAdder();
  private final LongAdder alreadyDone = new LongAdder();
  private final LongAdder fetchMs = new LongAdder();
  private final LongAdder maskMs = new LongAdder();
  private final LongAdder writeMs = new LongAdder();
  private final AtomicLong firstPairNanos = new AtomicLong();
  private final AtomicLong lastPairNanos = new AtomicLong();

  @Override
  public void pairWritten(Pair pair) {
    long now = System.nanoTime();
    firstPairNanos.compareAndSet(0, now);
    lastPairNanos.accumulateAndGet(now, Math::max);
    pairs.increment();
    pairsByFolder
        .computeIfAbsent(
            "datasets/" + pair.getDataset() + "/" + pair.getRecipe().getRecipeId() + "/",
            k -> new LongAdder())
        .increment();
    MaskTimings t = pair.getTimings();
    fetchMs.add(t.getFetchMs());
    maskMs.add(t.getMaskMs());
    writeMs.add(t.getWriteMs());
  }

  @Override
  public void alreadyDone(String recipeId) {
    alreadyDone.increment();
  }

  @Override
  public void deadLetter(FailureKind kind) {
    deadLettersByReason.computeIfAbsent(kind.code(), k -> new LongAdder()).increment();
  }

  long pairs() {
    return pairs.sum();
  }

  long alreadyDone() {
    return alreadyDone.sum();
  }

  long deadLetters() {
    return deadLettersByReason.values().stream().mapToLong(LongAdder::sum).sum();
  }

  Map<String, Long> pairsByFolder() {
    return snapshot(pairsByFolder);
  }

  Map<String, Long> deadLettersByReason() {
    return snapshot(deadLettersByReason);
  }

  /**
   * Pairs per second between the first and the last pair: the steady rate, without start-up and
   * rebalancing. NaN with fewer than two pairs.
   */
  double steadyPairsPerSecond() {
    long n = pairs.sum();
    double seconds = (lastPairNanos.get() - firstPairNanos.get()) / 1e9;
    return n < 2 || seconds <= 0 ? Double.NaN : (n - 1) / seconds;
  }

  /**
   * Mean milliseconds per pair in fetch (incl. decoding), mask computation and encoding + writing.
   */
  double[] meanPhaseMs() {
    long n = Math.max(1, pairs.sum());
    return new double[] {
      (double) fetchMs.sum() / n, (double) maskMs.sum() / n, (double) writeMs.sum() / n
    };
  }

  private static Map<String, Long> snapshot(Map<String, LongAdder> counters) {
    Map<String, Long> out = new TreeMap<>();
    counters.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }
}
