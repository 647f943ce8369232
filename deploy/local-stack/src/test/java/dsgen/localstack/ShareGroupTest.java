package dsgen.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicIdPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Share groups (KIP-932) on the local node: records acknowledged one by one, a RELEASEd record
 * comes back with delivery count 2, a REJECTed one never comes back.
 */
@ExtendWith(LocalStackExtension.class)
class ShareGroupTest {

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void acceptReleaseAndRejectRecords(LocalStack stack) throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String topic = "share-" + suffix;
    String group = "share-group-" + suffix;
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
      // a new share group starts at the latest offset and would never see the records produced
      // below
      ConfigResource groupResource = new ConfigResource(ConfigResource.Type.GROUP, group);
      admin
          .incrementalAlterConfigs(
              Map.of(
                  groupResource,
                  List.of(
                      new AlterConfigOp(
                          new ConfigEntry("share.auto.offset.reset", "earliest"),
                          AlterConfigOp.OpType.SET))))
          .all()
          .get();
    }
    List<String> values =
        List.of("accept-1", "release-me", "reject-me", "accept-2", "accept-3", "accept-4");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", stack.bootstrapServers()),
            new StringSerializer(),
            new StringSerializer())) {
      for (int i = 0; i < values.size(); i++) {
        producer.send(new ProducerRecord<>(topic, i % 2, "k" + i, values.get(i))).get();
      }
    }

    Map<String, List<Integer>> deliveries = new HashMap<>();
    List<String> accepted = new ArrayList<>();
    List<String> rejected = new ArrayList<>();
    try (KafkaShareConsumer<String, String> consumer =
        new KafkaShareConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                group,
                "share.acknowledgement.mode",
                "explicit"),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (accepted.size() + rejected.size() < values.size() && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          int count = r.deliveryCount().map(Short::intValue).orElse(-1);
          deliveries.computeIfAbsent(r.value(), v -> new ArrayList<>()).add(count);
          AcknowledgeType ack = decide(r.value(), count);
          consumer.acknowledge(r, ack);
          if (ack == AcknowledgeType.ACCEPT) {
            accepted.add(r.value());
          } else if (ack == AcknowledgeType.REJECT) {
            rejected.add(r.value());
          }
        }
        Map<TopicIdPartition, Optional<KafkaException>> results = consumer.commitSync();
        results.forEach(
            (tp, error) ->
                error.ifPresent(
                    e -> {
                      throw new AssertionError("acknowledgement commit failed for " + tp, e);
                    }));
      }
      // the rejected record is archived: a few more polls must not bring it (or anything) back
      for (int i = 0; i < 5; i++) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          deliveries.computeIfAbsent(r.value(), v -> new ArrayList<>()).add(-100);
          consumer.acknowledge(r, AcknowledgeType.ACCEPT);
        }
      }
    }

    assertEquals(List.of("reject-me"), rejected);
    assertEquals(5, accepted.size(), "accepted " + accepted);
    assertTrue(
        accepted.containsAll(
            List.of("accept-1", "accept-2", "accept-3", "accept-4", "release-me")));
    assertEquals(List.of(1, 2), deliveries.get("release-me"), "release-me delivered with counts");
    assertEquals(List.of(1), deliveries.get("reject-me"), "reject-me delivered with counts");
    deliveries.forEach(
        (value, counts) -> {
          if (!value.equals("release-me")) {
            assertEquals(List.of(1), counts, value + " delivered with counts");
          }
        });
  }

  /**
   * First delivery of "release-me" goes back to the group; "reject-me" is poison; everything else
   * succeeds.
   */
  private static AcknowledgeType decide(String value, int deliveryCount) {
    if (value.equals("release-me") && deliveryCount == 1) {
      return AcknowledgeType.RELEASE;
    }
    return value.equals("reject-me") ? AcknowledgeType.REJECT : AcknowledgeType.ACCEPT;
  }
}
