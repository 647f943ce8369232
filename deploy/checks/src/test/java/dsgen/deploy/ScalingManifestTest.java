package dsgen.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dsgen.producer.service.OperatorGauges;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.strimzi.api.kafka.model.kafka.Kafka;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * KEDA scales the gpu-workers on the gauge the producer exports. That the producer really exports
 * {@link OperatorGauges#BACKLOG} on {@code /q/metrics}, rising on submission and falling to 0, is
 * OperatorGaugesTest's live scrape in the producer module; here the ScaledObject must name it.
 */
class ScalingManifestTest {
  private static final Pattern METRIC = Pattern.compile("\\b(dsgen_[a-z0-9_]+)\\b");

  @ParameterizedTest
  @ValueSource(strings = {"dev", "gpu"})
  void kedaScalesTheWorkersFromZeroOnTheProducersBacklog(String overlay) {
    Manifests m = Manifests.overlay(overlay);
    Keda.ScaledObject so = m.scaledObject("gpu-worker");
    Keda.ScaleTarget target = so.spec().scaleTargetRef();
    assertTrue(target.kind() == null || target.kind().equals("Deployment"), target.kind());
    m.named(Deployment.class, target.name());
    assertEquals(ServiceConfig.GPU_WORKER.workload(), target.name());
    assertEquals(0, so.spec().minReplicaCount());
    assertTrue(so.spec().maxReplicaCount() >= 1);

    assertEquals(1, so.spec().triggers().size());
    Keda.Trigger trigger = so.spec().triggers().get(0);
    assertEquals("prometheus", trigger.type());
    Set<String> unknown = new TreeSet<>(trigger.metadata().keySet());
    unknown.removeAll(Keda.PROMETHEUS_METADATA);
    assertEquals(Set.of(), unknown, "metadata the Prometheus scaler does not read");

    Set<String> metrics = new TreeSet<>();
    Matcher q = METRIC.matcher(trigger.metadata().get("query"));
    while (q.find()) {
      metrics.add(q.group(1));
    }
    assertEquals(Set.of(OperatorGauges.BACKLOG), metrics, trigger.metadata().get("query"));

    // fewer tasks per worker than one UNet batch would leave workers half idle
    double threshold = Double.parseDouble(trigger.metadata().get("threshold"));
    int batch = Integer.parseInt(ServiceConfig.GPU_WORKER.required("dsgen.worker.batch-size"));
    assertTrue(threshold >= batch, "threshold " + threshold + " < batch size " + batch);
    assertEquals(0.0, Double.parseDouble(trigger.metadata().get("activationThreshold")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "gpu"})
  void brokerDeliveryLimitIsTheWorkersDeadLetterPoint(String overlay) {
    Kafka kafka = Manifests.overlay(overlay).all(Kafka.class).get(0);
    Object limit = kafka.getSpec().getKafka().getConfig().get("group.share.delivery.count.limit");
    Workload w = Workload.of(Manifests.overlay(overlay), ServiceConfig.GPU_WORKER);
    assertEquals(
        w.effective(ServiceConfig.GPU_WORKER, "dsgen.worker.max-deliveries"),
        String.valueOf(limit));
  }
}
