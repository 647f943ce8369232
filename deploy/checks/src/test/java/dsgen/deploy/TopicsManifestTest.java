package dsgen.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dsgen.kafka.Topic;
import dsgen.kafka.Topics;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One KafkaTopic per topic of the registry, with its partitions and topic configs. */
class TopicsManifestTest {

  @ParameterizedTest
  @ValueSource(strings = {"dev", "gpu"})
  void kafkaTopicsAreTheRegistrysTopics(String overlay) {
    Manifests m = Manifests.overlay(overlay);
    Map<String, KafkaTopic> rendered =
        m.all(KafkaTopic.class).stream()
            .collect(Collectors.toMap(TopicsManifestTest::topicName, Function.identity()));
    assertEquals(
        Topics.all().stream().map(Topic::name).sorted().toList(),
        rendered.keySet().stream().sorted().toList());
    String cluster = m.all(Kafka.class).get(0).getMetadata().getName();
    for (Topic<?, ?> topic : Topics.all()) {
      KafkaTopic k = rendered.get(topic.name());
      assertEquals(topic.partitions(), k.getSpec().getPartitions(), topic.name());
      assertEquals(
          new TreeMap<>(topic.configs()), asStrings(k.getSpec().getConfig()), topic.name());
      assertEquals(cluster, k.getMetadata().getLabels().get("strimzi.io/cluster"), topic.name());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "gpu"})
  void topicsAreReplicatedAsTheBrokersAllow(String overlay) {
    Manifests m = Manifests.overlay(overlay);
    int nodes =
        m.all(io.strimzi.api.kafka.model.nodepool.KafkaNodePool.class).stream()
            .mapToInt(p -> p.getSpec().getReplicas())
            .sum();
    Map<String, Object> broker = m.all(Kafka.class).get(0).getSpec().getKafka().getConfig();
    int minIsr = Integer.parseInt(String.valueOf(broker.get("min.insync.replicas")));
    for (KafkaTopic k : m.all(KafkaTopic.class)) {
      int replicas = k.getSpec().getReplicas();
      assertTrue(replicas <= nodes, topicName(k) + ": " + replicas + " replicas on " + nodes);
      assertTrue(minIsr <= replicas, topicName(k) + ": min.insync.replicas " + minIsr);
    }
  }

  /** The Kafka topic a KafkaTopic stands for: spec.topicName, else its resource name. */
  static String topicName(KafkaTopic k) {
    String name = k.getSpec().getTopicName();
    return name != null ? name : k.getMetadata().getName();
  }

  private static Map<String, String> asStrings(Map<String, Object> config) {
    Map<String, String> out = new TreeMap<>();
    config.forEach((k, v) -> out.put(k, String.valueOf(v)));
    return out;
  }
}
