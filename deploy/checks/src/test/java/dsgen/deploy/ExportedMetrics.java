package dsgen.deploy;

import dsgen.localstack.MetricsScrape;
import dsgen.maskstage.pair.FailureKind;
import dsgen.maskstage.pair.PairMetrics;
import dsgen.producer.service.OperatorGauges;
import dsgen.records.MaskTimings;
import dsgen.records.Pair;
import dsgen.records.RecipeRef;
import dsgen.worker.ops.WorkerMetrics;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.lang.reflect.Constructor;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Prometheus names the services export. The worker's and the mask stage's own metric classes
 * record into the Prometheus registry the services use (Micrometer's, as the Quarkus extension
 * configures it) and that registry is scraped, so the names carry the exact suffixes Prometheus
 * sees ({@code _total}, {@code _seconds_sum}, ...). The producer's gauges need its running service;
 * their names are {@link OperatorGauges#NAMES}, which OperatorGaugesTest finds in a live scrape of
 * a running producer.
 */
final class ExportedMetrics {
  private ExportedMetrics() {}

  static Set<String> names() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    WorkerMetrics worker = new WorkerMetrics(registry);
    worker.task("published", "none");
    worker.generation(Duration.ofSeconds(2), 4, 20, 1500);
    worker.store(10);
    worker.publish(Duration.ofMillis(5));
    worker.acknowledge(Duration.ofMillis(1));

    PairMetrics masks = maskStageMetrics(registry);
    Pair pair = new Pair();
    pair.setRecipe(
        RecipeRef.newBuilder().setRecipeId("r").setMethod("m").setCanonicalJson("{}").build());
    pair.setTimings(new MaskTimings(1L, 2L, 3L));
    masks.pairWritten(pair);
    masks.alreadyDone("r");
    masks.deadLetter(FailureKind.MISSING_TENSOR);

    Set<String> names = new TreeSet<>(MetricsScrape.parse(registry.scrape()).names());
    names.addAll(OperatorGauges.NAMES);
    return names;
  }

  /**
   * The stage's Micrometer implementation is package-private to its wiring; build it as Quarkus
   * does.
   */
  private static PairMetrics maskStageMetrics(PrometheusMeterRegistry registry) {
    try {
      Class<?> type = Class.forName("dsgen.maskstage.service.MicrometerPairMetrics");
      Constructor<?> constructor =
          type.getDeclaredConstructor(io.micrometer.core.instrument.MeterRegistry.class);
      constructor.setAccessible(true);
      return (PairMetrics) constructor.newInstance(registry);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("mask stage metrics: " + e, e);
    }
  }
}
