package dsgen.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dsgen.localstack.LocalStack;
import dsgen.localstack.LocalStackExtension;
import dsgen.records.DeadLetter;
import dsgen.records.Generation;
import dsgen.records.PromptTask;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The typed topics, their admin helpers and the undecodable-record path on the local stack's real
 * broker.
 */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class KafkaContractBrokerTest {

  private static final Duration POLL = Duration.ofMillis(200);

  private String bootstrap;
  private List<String> createdAtStart;

  @BeforeAll
  void createTopics(LocalStack stack) {
    bootstrap = stack.bootstrapServers();
    try (Admin admin = admin()) {
      createdAtStart = TopicAdmin.createMissing(admin, Topics.all());
    }
  }

  private Admin admin() {
    return Admin.create(Map.of("bootstrap.servers", bootstrap));
  }

  private <K, V> KafkaProducer<K, V> producer(Topic<K, V> topic) {
    return new KafkaProducer<>(
        Map.of("bootstrap.servers", bootstrap, "acks", "all"),
        topic.keySerializer(),
        topic.valueSerializer());
  }

  private KafkaProducer<byte[], byte[]> rawProducer() {
    return new KafkaProducer<>(
        Map.of("bootstrap.servers", bootstrap),
        new ByteArraySerializer(),
        new ByteArraySerializer());
  }

  private Map<String, Object> consumerConfig() {
    return Map.of(
        "bootstrap.servers",
        bootstrap,
        "group.id",
        "test-" + UUID.randomUUID(),
        "auto.offset.reset",
        "earliest");
  }

  /** Polls the partition of {@code sent} until the record at its offset arrives. */
  private static <K, V> ConsumerRecord<K, V> consumeAt(
      KafkaConsumer<K, V> consumer, RecordMetadata sent) {
    TopicPartition partition = new TopicPartition(sent.topic(), sent.partition());
    consumer.assign(List.of(partition));
    consumer.seek(partition, sent.offset());
    while (true) {
      for (ConsumerRecord<K, V> record : consumer.poll(POLL)) {
        if (record.offset() == sent.offset()) {
          return record;
        }
      }
    }
  }

  @Test
  void createMissingCreatedEveryTopicWithItsPartitionsAndConfigs() throws Exception {
    assertEquals(
        Topics.all().stream().map(Topic::name).sorted().toList(),
        createdAtStart.stream().sorted().toList());
    try (Admin admin = admin()) {
      for (Topic<?, ?> topic : Topics.all()) {
        int partitions =
            admin
                .describeTopics(List.of(topic.name()))
                .allTopicNames()
                .get()
                .get(topic.name())
                .partitions()
                .size();
        assertEquals(topic.partitions(), partitions, topic.name());
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic.name());
        Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
        topic
            .configs()
            .forEach(
                (key, value) ->
                    assertEquals(value, config.get(key).value(), topic.name() + " " + key));
      }
    }
  }

  @Test
  void createMissingIsIdempotentAndToleratesConcurrentCallers() throws Exception {
    try (Admin first = admin();
        Admin second = admin()) {
      assertEquals(List.of(), TopicAdmin.createMissing(first, Topics.all()));

      String suffix = UUID.randomUUID().toString().substring(0, 8);
      List<Topic<?, ?>> fresh =
          List.of(
              new Topic<>("test.a-" + suffix, Serdes.String(), Serdes.String(), 2, null, false),
              new Topic<>(
                  "test.b-" + suffix,
                  Serdes.String(),
                  Serdes.String(),
                  1,
                  Duration.ofHours(1),
                  false),
              new Topic<>("test.c-" + suffix, Serdes.String(), Serdes.String(), 3, null, true));
      CountDownLatch start = new CountDownLatch(1);
      CompletableFuture<List<String>> a =
          CompletableFuture.supplyAsync(
              () -> awaitThen(start, () -> TopicAdmin.createMissing(first, fresh)));
      CompletableFuture<List<String>> b =
          CompletableFuture.supplyAsync(
              () -> awaitThen(start, () -> TopicAdmin.createMissing(second, fresh)));
      start.countDown();
      List<String> created = new ArrayList<>(a.get(60, TimeUnit.SECONDS));
      created.addAll(b.get(60, TimeUnit.SECONDS));

      assertEquals(fresh.size(), created.size(), "each topic created exactly once: " + created);
      assertEquals(
          Set.of("test.a-" + suffix, "test.b-" + suffix, "test.c-" + suffix),
          new HashSet<>(created));
      assertTrue(first.listTopics().names().get().containsAll(created));
    }
  }

  private static <T> T awaitThen(CountDownLatch latch, java.util.function.Supplier<T> action) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return action.get();
  }

  @Test
  void typedRecordsRoundTripThroughTheBroker() throws Exception {
    Generation generation = SampleRecords.generation();
    RecordMetadata sent;
    try (KafkaProducer<String, Generation> producer = producer(Topics.GENERATIONS)) {
      sent = producer.send(Topics.GENERATIONS.record(generation.getImageId(), generation)).get();
    }
    try (KafkaConsumer<String, Generation> consumer =
        new KafkaConsumer<>(
            consumerConfig(),
            Topics.GENERATIONS.keyDeserializer(),
            Topics.GENERATIONS.valueDeserializer())) {
      ConsumerRecord<String, Generation> received = consumeAt(consumer, sent);
      assertEquals(generation.getImageId(), received.key());
      assertEquals(generation, received.value());
    }
  }

  @Test
  void undecodableRecordsAreReportedWithTheirPositionAndDeadLettered() throws Exception {
    byte[] unknownFingerprint = AvroSerde.of(PromptTask.class).encode(SampleRecords.promptTask());
    unknownFingerprint[9] ^= 0x7f;
    byte[] corruptBody = AvroSerde.of(PromptTask.class).encode(SampleRecords.promptTask());
    corruptBody = java.util.Arrays.copyOf(corruptBody, corruptBody.length / 2);
    byte[] notAvro = "{\"imageId\":\"job-1-000001\"}".getBytes();

    List<RecordMetadata> sent = new ArrayList<>();
    try (KafkaProducer<byte[], byte[]> producer = rawProducer()) {
      for (byte[] value : List.of(unknownFingerprint, corruptBody, notAvro)) {
        sent.add(
            producer
                .send(new ProducerRecord<>(Topics.PROMPTS.name(), "job-1-000001".getBytes(), value))
                .get());
      }
    }
    List<String> expectedReasons =
        List.of(
            "unknown schema fingerprint",
            "corrupt PromptTask body",
            "not Avro single-object encoding");

    List<DeadLetter> deadLetters = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            consumerConfig(), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      for (int i = 0; i < sent.size(); i++) {
        ConsumerRecord<byte[], byte[]> record = consumeAt(consumer, sent.get(i));
        UndecodableRecordException e =
            assertThrows(
                UndecodableRecordException.class, () -> Topics.PROMPTS.decodeValue(record));
        assertEquals(Topics.PROMPTS.name(), e.topic());
        assertEquals(sent.get(i).partition(), e.partition());
        assertEquals(sent.get(i).offset(), e.offset());
        assertTrue(e.reason().contains(expectedReasons.get(i)), e.reason());
        deadLetters.add(DeadLetters.from("gpu-worker", record, e).workerId("test").build());
      }
    }

    List<RecordMetadata> letters = new ArrayList<>();
    try (KafkaProducer<String, DeadLetter> producer = producer(Topics.DEAD_LETTERS)) {
      for (DeadLetter letter : deadLetters) {
        letters.add(producer.send(DeadLetters.toRecord(letter)).get());
      }
    }
    try (KafkaConsumer<String, DeadLetter> consumer =
        new KafkaConsumer<>(
            consumerConfig(),
            Topics.DEAD_LETTERS.keyDeserializer(),
            Topics.DEAD_LETTERS.valueDeserializer())) {
      for (int i = 0; i < letters.size(); i++) {
        ConsumerRecord<String, DeadLetter> received = consumeAt(consumer, letters.get(i));
        assertEquals("job-1-000001", received.key());
        assertEquals(sent.get(i).offset(), received.value().getSourceOffset());
        assertEquals(sent.get(i).partition(), received.value().getSourcePartition());
        byte[] payload = new byte[received.value().getPayload().remaining()];
        received.value().getPayload().get(payload);
        assertEquals(
            ByteBuffer.wrap(List.of(unknownFingerprint, corruptBody, notAvro).get(i)),
            ByteBuffer.wrap(payload));
      }
    }
  }

  @Test
  void aShareGroupSetToEarliestReceivesTasksProducedBeforeItJoined() throws Exception {
    String group = "workers-" + UUID.randomUUID();
    Set<String> produced = new HashSet<>();
    try (KafkaProducer<String, PromptTask> producer = producer(Topics.PROMPTS)) {
      for (int i = 0; i < 3; i++) {
        PromptTask task = SampleRecords.promptTask();
        task.setImageId("share-" + group + "-" + i);
        producer.send(Topics.PROMPTS.record(task.getImageId(), task)).get();
        produced.add(task.getImageId());
      }
    }
    try (Admin admin = admin()) {
      TopicAdmin.shareGroupFromEarliest(admin, group);
      TopicAdmin.shareGroupFromEarliest(admin, group); // start-up of a second worker
      ConfigResource resource = new ConfigResource(ConfigResource.Type.GROUP, group);
      assertEquals(
          "earliest",
          admin
              .describeConfigs(List.of(resource))
              .all()
              .get()
              .get(resource)
              .get("share.auto.offset.reset")
              .value());
    }
    Set<String> received = new HashSet<>();
    try (KafkaShareConsumer<String, PromptTask> consumer =
        new KafkaShareConsumer<>(
            Map.of(
                "bootstrap.servers",
                bootstrap,
                "group.id",
                group,
                "share.acknowledgement.mode",
                "explicit"),
            Topics.PROMPTS.keyDeserializer(),
            Topics.PROMPTS.valueDeserializer())) {
      consumer.subscribe(List.of(Topics.PROMPTS.name()));
      while (!received.containsAll(produced)) {
        for (ConsumerRecord<String, PromptTask> record : consumer.poll(POLL)) {
          received.add(record.value().getImageId());
          consumer.acknowledge(record, AcknowledgeType.ACCEPT);
        }
        consumer.commitSync();
      }
    }
    assertTrue(received.containsAll(produced));
  }
}
