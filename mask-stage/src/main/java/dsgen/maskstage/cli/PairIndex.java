package dsgen.maskstage.cli;

import static dsgen.kafka.Topics.JOBS;
import static dsgen.kafka.Topics.PAIRS;

import dsgen.kafka.Topic;
import dsgen.records.JobSpec;
import dsgen.records.Pair;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The pairs of one dataset folder as dsgen.pairs lists them (the dataset's index: every pair with
 * verified object references), and the jobs of dsgen.jobs. Reads the committed records from the
 * beginning to the end offsets taken at the start, without a consumer group.
 */
final class PairIndex {

  private PairIndex() {}

  /**
   * imageId → latest pair matching, in imageId order; undecodable records are skipped and counted.
   */
  static SortedMap<String, Pair> read(
      Map<String, Object> kafkaClient, Predicate<Pair> wanted, Duration timeout) {
    SortedMap<String, Pair> pairs = new TreeMap<>();
    scan(
        kafkaClient,
        PAIRS,
        pair -> {
          if (wanted.test(pair)) {
            pairs.put(pair.getImageId(), pair);
          }
        },
        timeout);
    return pairs;
  }

  /** jobId → the job's latest record on dsgen.jobs. */
  static Map<String, JobSpec> jobs(Map<String, Object> kafkaClient, Duration timeout) {
    Map<String, JobSpec> jobs = new TreeMap<>();
    scan(kafkaClient, JOBS, job -> jobs.put(job.getJobId(), job), timeout);
    return jobs;
  }

  /** Every decodable record of a topic, in offset order per partition. */
  private static <V> void scan(
      Map<String, Object> kafkaClient, Topic<String, V> topic, Consumer<V> each, Duration timeout) {
    Map<String, Object> props = new java.util.HashMap<>(kafkaClient);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic.name(), timeout).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!reached(consumer, end)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "reading " + topic.name() + " took longer than " + timeout);
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          V value = decode(topic, record);
          if (value != null) {
            each.accept(value);
          }
        }
      }
    }
  }

  private static <V> V decode(Topic<String, V> topic, ConsumerRecord<byte[], byte[]> record) {
    try {
      return topic.decodeValue(record);
    } catch (RuntimeException e) {
      // dsgen never writes such a record; a stray one describes no pair or job of a dataset
      return null;
    }
  }

  private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
    return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }
}
