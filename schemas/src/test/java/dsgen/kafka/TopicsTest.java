package dsgen.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dsgen.records.Generation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

class TopicsTest {

  @Test
  void registryHoldsTheFiveTopicsOfTheDesign() {
    assertEquals(
        List.of(
            "dsgen.jobs",
            "dsgen.prompts",
            "dsgen.generations",
            "dsgen.pairs",
            "dsgen.dead-letters"),
        Topics.all().stream().map(Topic::name).toList());
  }

  @Test
  void jobsAreCompactedAndPromptsExpire() {
    assertEquals(Map.of("cleanup.policy", "compact"), Topics.JOBS.configs());
    assertEquals(
        Map.of(
            "cleanup.policy",
            "delete",
            "retention.ms",
            Long.toString(Duration.ofDays(7).toMillis())),
        Topics.PROMPTS.configs());
    for (Topic<?, ?> kept : List.of(Topics.GENERATIONS, Topics.PAIRS, Topics.DEAD_LETTERS)) {
      assertEquals("-1", kept.configs().get("retention.ms"), kept.name() + " is kept forever");
    }
  }

  @Test
  void partitionsComeFromConfigurationPerTopic() {
    Map<String, String> config =
        Map.of(
            "dsgen.topics.prompts.partitions", "12", "dsgen.topics.dead-letters.partitions", " 2 ");
    Map<String, Integer> partitions =
        Topics.all(key -> Optional.ofNullable(config.get(key))).stream()
            .collect(Collectors.toMap(Topic::name, Topic::partitions));
    assertEquals(
        Map.of(
            "dsgen.jobs",
            6,
            "dsgen.prompts",
            12,
            "dsgen.generations",
            6,
            "dsgen.pairs",
            6,
            "dsgen.dead-letters",
            2),
        partitions);
  }

  @Test
  void aBadPartitionSettingNamesTheKey() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Topics.all(
                    key ->
                        key.equals("dsgen.topics.pairs.partitions")
                            ? Optional.of("many")
                            : Optional.empty()));
    assertTrue(e.getMessage().contains("dsgen.topics.pairs.partitions"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Topics.PAIRS.withPartitions(0));
  }

  @Test
  void compactedTopicsCannotExpire() {
    assertThrows(
        IllegalArgumentException.class, () -> Topics.JOBS.withRetention(Duration.ofDays(1)));
  }

  @Test
  void decodeValueReadsTheTypedValueAndKey() {
    Generation generation = SampleRecords.generation();
    byte[] value =
        Topics.GENERATIONS.valueSerializer().serialize(Topics.GENERATIONS.name(), generation);
    byte[] key =
        Topics.GENERATIONS.keySerializer().serialize(Topics.GENERATIONS.name(), "job-1-000007");
    ConsumerRecord<byte[], byte[]> record =
        new ConsumerRecord<>(Topics.GENERATIONS.name(), 2, 17, key, value);
    assertEquals(generation, Topics.GENERATIONS.decodeValue(record));
    assertEquals("job-1-000007", Topics.GENERATIONS.decodeKey(record));
  }

  @Test
  void corruptValueIsReportedWithItsPosition() {
    ConsumerRecord<byte[], byte[]> record =
        new ConsumerRecord<>(Topics.PAIRS.name(), 4, 1234, null, new byte[] {(byte) 0xC3, 1, 2});
    UndecodableRecordException e =
        assertThrows(UndecodableRecordException.class, () -> Topics.PAIRS.decodeValue(record));
    assertEquals(Topics.PAIRS.name(), e.topic());
    assertEquals(4, e.partition());
    assertEquals(1234, e.offset());
    assertTrue(e.getMessage().contains("dsgen.pairs-4@1234"), e.getMessage());
  }

  @Test
  void tombstonesAreNullOnlyOnCompactedTopics() {
    assertNull(
        Topics.JOBS.decodeValue(
            new ConsumerRecord<>(Topics.JOBS.name(), 0, 5, "job-1".getBytes(), null)));
    UndecodableRecordException e =
        assertThrows(
            UndecodableRecordException.class,
            () ->
                Topics.GENERATIONS.decodeValue(
                    new ConsumerRecord<>(Topics.GENERATIONS.name(), 1, 9, null, null)));
    assertEquals(9, e.offset());
  }

  @Test
  void aFailingKeySerdeIsReportedWithItsPosition() {
    Topic<Integer, Generation> intKeys =
        new Topic<>("t", Serdes.Integer(), AvroSerde.of(Generation.class), 1, null, false);
    ConsumerRecord<byte[], byte[]> record =
        new ConsumerRecord<>("t", 0, 3, new byte[] {1, 2, 3}, null);
    UndecodableRecordException e =
        assertThrows(UndecodableRecordException.class, () -> intKeys.decodeKey(record));
    assertEquals(3, e.offset());
    assertTrue(e.reason().startsWith("cannot decode key"), e.reason());
  }

  @Test
  void topicNamesAreUnique() {
    assertEquals(
        Topics.all().size(), Set.copyOf(Topics.all().stream().map(Topic::name).toList()).size());
  }
}
