package dsgen.producer;

import dsgen.kafka.Topic;
import dsgen.kafka.Topics;
import dsgen.records.PromptTask;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Plays the other stages against the real broker: publishes what a worker or the mask stage would,
 * and reads back what the producer committed to dsgen.prompts.
 */
public final class StageDouble implements AutoCloseable {
  private final String bootstrap;
  private final KafkaProducer<byte[], byte[]> producer;

  public StageDouble(String bootstrap) {
    this.bootstrap = bootstrap;
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    this.producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  public <V> void publish(Topic<String, V> topic, String key, V value) {
    try {
      producer
          .send(
              new org.apache.kafka.clients.producer.ProducerRecord<>(
                  topic.name(),
                  topic.keySerializer().serialize(topic.name(), key),
                  topic.valueSerializer().serialize(topic.name(), value)))
          .get();
    } catch (Exception e) {
      throw new IllegalStateException("publishing to " + topic.name() + " failed", e);
    }
  }

  /**
   * Every task of a job committed to dsgen.prompts so far, in no particular order; duplicates kept.
   */
  public List<PromptTask> committedTasks(String jobId) {
    return tasks(jobId, "read_committed");
  }

  /** Every task record of a job, including those of aborted transactions. */
  public List<PromptTask> allTaskRecords(String jobId) {
    return tasks(jobId, "read_uncommitted");
  }

  private List<PromptTask> tasks(String jobId, String isolation) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    List<PromptTask> out = new ArrayList<>();
    try (var consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(Topics.PROMPTS.name()).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      Instant deadline = Instant.now().plusSeconds(30);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException("could not read dsgen.prompts to its end");
        }
        for (var rec : consumer.poll(Duration.ofMillis(200))) {
          PromptTask task = Topics.PROMPTS.decodeValue(rec);
          if (task.getJobId().equals(jobId)) {
            out.add(task);
          }
        }
      }
    }
    return out;
  }

  @Override
  public void close() {
    producer.close();
  }
}
