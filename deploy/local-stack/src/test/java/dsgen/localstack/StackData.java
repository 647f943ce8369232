package dsgen.localstack;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Writes and reads back a topic and objects, to check that a stack keeps its data across stops and
 * restarts.
 */
final class StackData {

  private StackData() {}

  static void createTopicWithRecords(LocalStack stack, String topic, List<String> values)
      throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    }
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", stack.bootstrapServers(), "acks", "all"),
            new StringSerializer(),
            new StringSerializer())) {
      for (String v : values) {
        producer.send(new ProducerRecord<>(topic, v, v)).get();
      }
    }
  }

  static Set<String> topics(LocalStack stack) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
      return admin.listTopics().names().get();
    }
  }

  /** All values of a single-partition topic, from the beginning, with a fresh consumer group. */
  static List<String> readAll(LocalStack stack, String topic, int expected) {
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "read-" + topic + "-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (values.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          values.add(r.value());
        }
      }
    }
    return values;
  }

  static S3Client s3(LocalStack stack) {
    return S3Clients.create(
        stack.s3Endpoint(), stack.region(), stack.accessKey(), stack.secretKey());
  }

  static void putText(LocalStack stack, String key, String text) {
    try (S3Client s3 = s3(stack)) {
      s3.putObject(
          b -> b.bucket(stack.bucket()).key(key).contentType("text/plain"),
          RequestBody.fromString(text, StandardCharsets.UTF_8));
    }
  }

  static String getText(LocalStack stack, String key) {
    try (S3Client s3 = s3(stack)) {
      return s3.getObjectAsBytes(b -> b.bucket(stack.bucket()).key(key)).asUtf8String();
    }
  }
}
