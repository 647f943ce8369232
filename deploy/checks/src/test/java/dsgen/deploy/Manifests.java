package dsgen.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A kustomize directory rendered with {@code kubectl kustomize} and every object parsed into its
 * typed model: fabric8 for Kubernetes kinds, Strimzi's api module for Kafka resources, {@link Keda}
 * for the ScaledObject. An object of a kind not listed here, or with a field its model does not
 * know, is an error.
 */
final class Manifests {
  /** apiVersion/kind to model class. */
  static final Map<String, Class<?>> KINDS =
      Map.ofEntries(
          Map.entry("v1/ConfigMap", ConfigMap.class),
          Map.entry("v1/Secret", Secret.class),
          Map.entry("v1/Service", Service.class),
          Map.entry("v1/PersistentVolumeClaim", PersistentVolumeClaim.class),
          Map.entry("apps/v1/Deployment", Deployment.class),
          Map.entry("apps/v1/StatefulSet", StatefulSet.class),
          Map.entry("batch/v1/Job", Job.class),
          Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
          Map.entry("monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class),
          Map.entry("kafka.strimzi.io/v1/Kafka", Kafka.class),
          Map.entry("kafka.strimzi.io/v1/KafkaNodePool", KafkaNodePool.class),
          Map.entry("kafka.strimzi.io/v1/KafkaTopic", KafkaTopic.class),
          Map.entry("keda.sh/v1alpha1/ScaledObject", Keda.ScaledObject.class));

  private static final ObjectMapper YAML = new YAMLMapper();
  private static final ObjectMapper STRICT =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
  private static final Map<Path, Manifests> RENDERED = new ConcurrentHashMap<>();

  private final List<Object> objects;

  private Manifests(List<Object> objects) {
    this.objects = List.copyOf(objects);
  }

  /** {@code deploy/k8s/overlays/<name>}, rendered once per test run. */
  static Manifests overlay(String name) {
    return RENDERED.computeIfAbsent(
        Repository.resolve("deploy/k8s/overlays/" + name), Manifests::render);
  }

  /** Parses YAML documents (one object each) strictly. */
  static Manifests parse(String yaml) {
    List<Object> out = new ArrayList<>();
    try (var parser = new YAMLFactory().createParser(yaml)) {
      for (JsonNode doc : YAML.readValues(parser, JsonNode.class).readAll()) {
        if (doc != null && !doc.isEmpty()) {
          out.add(typed(doc));
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("not YAML: " + e.getMessage(), e);
    }
    return new Manifests(out);
  }

  private static Manifests render(Path dir) {
    try {
      Process kubectl =
          new ProcessBuilder("kubectl", "kustomize", dir.toString())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      String out = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!kubectl.waitFor(60, TimeUnit.SECONDS) || kubectl.exitValue() != 0) {
        throw new IllegalStateException("kubectl kustomize " + dir + " failed");
      }
      return parse(out);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot run kubectl (the deploy checks need kubectl on PATH): " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Object typed(JsonNode doc) {
    String kind = doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
    String name = doc.path("metadata").path("name").asText();
    Class<?> model = KINDS.get(kind);
    if (model == null) {
      throw new IllegalArgumentException(kind + " " + name + ": no model for this kind");
    }
    Object parsed;
    try {
      parsed = STRICT.treeToValue(doc, model);
    } catch (IOException e) {
      throw new IllegalArgumentException(kind + " " + name + ": " + e.getMessage(), e);
    }
    List<String> unknown = StrictModel.unknownFields(parsed);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(kind + " " + name + ": unknown fields " + unknown);
    }
    return parsed;
  }

  List<Object> objects() {
    return objects;
  }

  <T> List<T> all(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  <T extends HasMetadata> T named(Class<T> type, String name) {
    return all(type).stream()
        .filter(o -> o.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
  }

  Keda.ScaledObject scaledObject(String name) {
    return all(Keda.ScaledObject.class).stream()
        .filter(o -> o.metadata().getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no ScaledObject " + name));
  }
}
