package dsgen.worker.support;

import dsgen.kafka.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Everything written to a topic, read from the beginning without a group; for assertions. */
public final class TopicLog<V> implements AutoCloseable {
  private final Topic<String, V> topic;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final List<V> seen = new ArrayList<>();

  public TopicLog(String bootstrapServers, Topic<String, V> topic) {
    this.topic = topic;
    this.consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
  }

  /**
   * Reads until {@code done} holds for everything seen so far, or the timeout passes; returns what
   * was seen.
   */
  public List<V> readUntil(Predicate<List<V>> done, Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      if (consumer.assignment().isEmpty()) {
        assign();
      }
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(300))) {
        seen.add(topic.decodeValue(r));
      }
      if (done.test(seen)) {
        return List.copyOf(seen);
      }
    }
    return List.copyOf(seen);
  }

  /**
   * Keeps reading for {@code quiet} (to catch late duplicates); returns everything seen since the
   * start.
   */
  public List<V> readFor(Duration quiet) {
    return readUntil(all -> false, quiet);
  }

  private void assign() {
    List<PartitionInfo> infos = consumer.partitionsFor(topic.name(), Duration.ofSeconds(5));
    if (infos == null || infos.isEmpty()) {
      return;
    }
    List<TopicPartition> parts =
        infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    consumer.assign(parts);
    consumer.seekToBeginning(parts);
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
