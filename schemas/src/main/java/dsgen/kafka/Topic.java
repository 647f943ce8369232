package dsgen.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka topic with its key and value serdes and how it is created. The constants live in {@link
 * Topics}; call sites use them instead of topic names.
 *
 * @param retention how long records are kept; {@code null} keeps them forever (also for compacted
 *     topics, where the latest value of each key stays)
 */
public record Topic<K, V>(
    String name,
    Serde<K> keySerde,
    Serde<V> valueSerde,
    int partitions,
    Duration retention,
    boolean compacted) {

  public Topic {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("topic name is blank");
    }
    Objects.requireNonNull(keySerde, () -> "key serde of topic " + name);
    Objects.requireNonNull(valueSerde, () -> "value serde of topic " + name);
    if (partitions < 1) {
      throw new IllegalArgumentException(
          "topic " + name + ": partitions must be >= 1, got " + partitions);
    }
    if (retention != null && (retention.isNegative() || retention.isZero())) {
      throw new IllegalArgumentException(
          "topic " + name + ": retention must be positive or null (forever), got " + retention);
    }
    if (compacted && retention != null) {
      throw new IllegalArgumentException(
          "topic " + name + " is compacted: its latest values are kept, so retention must be null");
    }
  }

  /** The same topic created with another partition count. */
  public Topic<K, V> withPartitions(int count) {
    return new Topic<>(name, keySerde, valueSerde, count, retention, compacted);
  }

  /** The same topic created with another retention ({@code null} = forever). */
  public Topic<K, V> withRetention(Duration keepFor) {
    return new Topic<>(name, keySerde, valueSerde, partitions, keepFor, compacted);
  }

  /** Topic-level configs used when the topic is created. */
  public Map<String, String> configs() {
    if (compacted) {
      return Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
    }
    String retentionMs = retention == null ? "-1" : Long.toString(retention.toMillis());
    return Map.of(
        TopicConfig.CLEANUP_POLICY_CONFIG,
        TopicConfig.CLEANUP_POLICY_DELETE,
        TopicConfig.RETENTION_MS_CONFIG,
        retentionMs);
  }

  /**
   * The typed value of a record consumed as bytes. A tombstone (null value) is {@code null} on a
   * compacted topic and an error elsewhere.
   *
   * @throws UndecodableRecordException with the record's topic, partition and offset
   */
  public V decodeValue(ConsumerRecord<byte[], byte[]> record) {
    if (record.value() == null) {
      if (compacted) {
        return null;
      }
      throw new UndecodableRecordException(
          record.topic(),
          record.partition(),
          record.offset(),
          "value is null, but " + name + " is not compacted so it carries no tombstones");
    }
    return decode(valueSerde.deserializer(), "value", record, record.value());
  }

  /**
   * The typed key of a record consumed as bytes; {@code null} when the record has no key.
   *
   * @throws UndecodableRecordException with the record's topic, partition and offset
   */
  public K decodeKey(ConsumerRecord<byte[], byte[]> record) {
    return record.key() == null
        ? null
        : decode(keySerde.deserializer(), "key", record, record.key());
  }

  private static <T> T decode(
      Deserializer<T> deserializer,
      String part,
      ConsumerRecord<byte[], byte[]> record,
      byte[] bytes) {
    try {
      return deserializer.deserialize(record.topic(), record.headers(), bytes);
    } catch (UndecodableRecordException e) {
      throw e.at(record.topic(), record.partition(), record.offset());
    } catch (RuntimeException e) {
      throw new UndecodableRecordException(
          record.topic(),
          record.partition(),
          record.offset(),
          "cannot decode " + part + ": " + e,
          e);
    }
  }

  /** A record for this topic. */
  public ProducerRecord<K, V> record(K key, V value) {
    return new ProducerRecord<>(name, key, value);
  }

  public Serializer<K> keySerializer() {
    return keySerde.serializer();
  }

  public Serializer<V> valueSerializer() {
    return valueSerde.serializer();
  }

  public Deserializer<K> keyDeserializer() {
    return keySerde.deserializer();
  }

  public Deserializer<V> valueDeserializer() {
    return valueSerde.deserializer();
  }

  @Override
  public String toString() {
    return name;
  }
}
