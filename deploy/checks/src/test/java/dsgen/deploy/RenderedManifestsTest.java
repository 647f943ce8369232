package dsgen.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Both overlays render, every object parses strictly, and no secret value is in the files. */
class RenderedManifestsTest {

  @ParameterizedTest
  @ValueSource(strings = {"dev", "gpu"})
  void everyObjectParsesIntoItsTypedModel(String overlay) {
    List<Object> objects = Manifests.overlay(overlay).objects();
    Set<String> kinds = new TreeSet<>();
    objects.forEach(o -> kinds.add(o.getClass().getSimpleName()));
    assertTrue(
        kinds.containsAll(
            Set.of(
                "Deployment",
                "StatefulSet",
                "Service",
                "PodDisruptionBudget",
                "ServiceMonitor",
                "Kafka",
                "KafkaNodePool",
                "KafkaTopic",
                "ScaledObject")),
        overlay + " renders " + kinds);
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "gpu"})
  void credentialsAreReferencedNeverInlined(String overlay) {
    assertEquals(List.of(), Manifests.overlay(overlay).all(Secret.class), "Secrets in " + overlay);
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "gpu"})
  void everythingLandsInTheOverlaysNamespace(String overlay) {
    String expected = overlay.equals("dev") ? "dsgen-dev" : "dsgen";
    for (Object o : Manifests.overlay(overlay).objects()) {
      String namespace =
          o instanceof HasMetadata m
              ? m.getMetadata().getNamespace()
              : ((Keda.ScaledObject) o).metadata().getNamespace();
      assertEquals(expected, namespace, o.getClass().getSimpleName());
    }
  }

  @Test
  void aMisspeltFieldIsAnErrorNamingItsPath() {
    String yaml =
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: typo}
        spec:
          selector: {matchLabels: {a: b}}
          template:
            metadata: {labels: {a: b}}
            spec:
              containers:
                - name: c
                  image: i
                  readinesProbe: {httpGet: {path: /q/health/ready, port: 8080}}
        """;
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Manifests.parse(yaml));
    assertTrue(
        e.getMessage().contains("spec.template.spec.containers[0].readinesProbe"), e.getMessage());
  }

  @Test
  void aMisspeltKedaFieldIsAnError() {
    String yaml =
        """
        apiVersion: keda.sh/v1alpha1
        kind: ScaledObject
        metadata: {name: w}
        spec:
          scaleTargetRef: {name: gpu-worker}
          maxReplicas: 4
        """;
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Manifests.parse(yaml));
    assertTrue(e.getMessage().contains("maxReplicas"), e.getMessage());
  }

  @Test
  void anUnknownKindIsAnError() {
    String yaml = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n";
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Manifests.parse(yaml));
    assertTrue(e.getMessage().contains("v1/Pod p: no model"), e.getMessage());
  }
}
