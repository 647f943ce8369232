package dsgen.maskstage.service;

import dsgen.maskstage.pair.FailureKind;
import dsgen.maskstage.pair.PairMetrics;
import dsgen.maskstage.topology.MetricNames;
import dsgen.records.MaskTimings;
import dsgen.records.Pair;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** {@link PairMetrics} as Micrometer meters, scraped by Prometheus at {@code /q/metrics}. */
final class MicrometerPairMetrics implements PairMetrics {

  private final MeterRegistry registry;

  MicrometerPairMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void pairWritten(Pair pair) {
    String recipeId = pair.getRecipe().getRecipeId();
    MaskTimings timings = pair.getTimings();
    registry.counter(MetricNames.PAIRS, MetricNames.RECIPE, recipeId).increment();
    timer(MetricNames.FETCH_TIME, recipeId).record(Duration.ofMillis(timings.getFetchMs()));
    timer(MetricNames.MASK_TIME, recipeId).record(Duration.ofMillis(timings.getMaskMs()));
    timer(MetricNames.WRITE_TIME, recipeId).record(Duration.ofMillis(timings.getWriteMs()));
  }

  @Override
  public void alreadyDone(String recipeId) {
    registry.counter(MetricNames.DUPLICATES, MetricNames.RECIPE, recipeId).increment();
  }

  @Override
  public void deadLetter(FailureKind kind) {
    registry.counter(MetricNames.DEAD_LETTERS, MetricNames.REASON, kind.code()).increment();
  }

  private Timer timer(String name, String recipeId) {
    return registry.timer(name, MetricNames.RECIPE, recipeId);
  }
}
