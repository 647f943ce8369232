package dsgen.deploy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehavior;
import java.util.List;
import java.util.Map;

/**
 * KEDA's {@code ScaledObject} (keda.sh/v1alpha1) as typed records, since no KEDA model is served
 * from Maven Central. The fields are those of KEDA 2.x's ScaledObject CRD; the mapper that reads
 * them fails on any other field. The HPA behaviour reuses fabric8's autoscaling/v2 model.
 */
final class Keda {
  private Keda() {}

  @JsonIgnoreProperties(ignoreUnknown = false)
  record ScaledObject(String apiVersion, String kind, ObjectMeta metadata, Spec spec) {}

  record Spec(
      ScaleTarget scaleTargetRef,
      Integer pollingInterval,
      Integer cooldownPeriod,
      Integer initialCooldownPeriod,
      Integer idleReplicaCount,
      Integer minReplicaCount,
      Integer maxReplicaCount,
      Fallback fallback,
      Advanced advanced,
      List<Trigger> triggers) {}

  record ScaleTarget(String apiVersion, String kind, String name, String envSourceContainerName) {}

  record Fallback(Integer failureThreshold, Integer replicas, String behavior) {}

  record Advanced(
      Boolean restoreToOriginalReplicaCount,
      HpaConfig horizontalPodAutoscalerConfig,
      ScalingModifiers scalingModifiers) {}

  record HpaConfig(String name, HorizontalPodAutoscalerBehavior behavior) {}

  record ScalingModifiers(
      String formula, String target, String activationTarget, String metricType) {}

  record Trigger(
      String type,
      String name,
      Map<String, String> metadata,
      AuthenticationRef authenticationRef,
      String metricType,
      Boolean useCachedMetrics) {}

  record AuthenticationRef(String name, String kind) {}

  /** The metadata keys KEDA's Prometheus scaler reads. */
  static final List<String> PROMETHEUS_METADATA =
      List.of(
          "serverAddress",
          "query",
          "queryParameters",
          "threshold",
          "activationThreshold",
          "namespace",
          "customHeaders",
          "ignoreNullValues",
          "unsafeSsl",
          "timeout");
}
