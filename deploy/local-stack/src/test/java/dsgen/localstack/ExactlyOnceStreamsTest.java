package dsgen.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Kafka Streams exactly_once_v2 needs the transaction state log on one node: this is what the
 * broker settings are for.
 */
@ExtendWith(LocalStackExtension.class)
class ExactlyOnceStreamsTest {

  private static final int RECORDS = 20;

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void exactlyOnceRoundTripIsVisibleToReadCommitted(LocalStack stack) throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String input = "eos-in-" + suffix;
    String output = "eos-out-" + suffix;
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
      admin
          .createTopics(
              List.of(new NewTopic(input, 2, (short) 1), new NewTopic(output, 2, (short) 1)))
          .all()
          .get();
    }
    produce(stack, input);

    try (KafkaStreams streams =
        new KafkaStreams(upperCase(input, output), streamsConfig(stack, "eos-" + suffix))) {
      streams.start();
      Map<String, String> seen = readCommitted(stack, output, RECORDS, Duration.ofSeconds(60));
      assertEquals(RECORDS, seen.size(), "committed records in " + output + ": " + seen);
      for (int i = 0; i < RECORDS; i++) {
        assertEquals("VALUE-" + i, seen.get("k" + i));
      }
    }
  }

  private static Topology upperCase(String input, String output) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(input, Consumed.with(Serdes.String(), Serdes.String()).withName("read-input"))
        .mapValues(v -> v.toUpperCase(), Named.as("upper-case"))
        .to(output, Produced.with(Serdes.String(), Serdes.String()).withName("write-output"));
    return builder.build();
  }

  private static Properties streamsConfig(LocalStack stack, String applicationId) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    p.put(
        StreamsConfig.STATE_DIR_CONFIG,
        stack.dataDir().resolve("streams-" + applicationId).toString());
    return p;
  }

  private static void produce(LocalStack stack, String topic) throws Exception {
    Map<String, Object> cfg =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            stack.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(cfg, new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < RECORDS; i++) {
        producer.send(new ProducerRecord<>(topic, "k" + i, "value-" + i)).get();
      }
    }
  }

  private static Map<String, String> readCommitted(
      LocalStack stack, String topic, int expected, Duration timeout) {
    Map<String, Object> cfg = new HashMap<>();
    cfg.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    cfg.put(ConsumerConfig.GROUP_ID_CONFIG, "verify-" + topic);
    cfg.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    cfg.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    Map<String, String> seen = new HashMap<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(cfg, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (seen.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          seen.put(r.key(), r.value());
        }
      }
    }
    return seen;
  }
}
