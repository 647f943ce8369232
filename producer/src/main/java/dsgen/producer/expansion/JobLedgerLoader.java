package dsgen.producer.expansion;

import dsgen.kafka.Topics;
import dsgen.kafka.UndecodableRecordException;
import dsgen.records.JobSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the committed state of {@code dsgen.jobs} from the beginning to its end: the latest value
 * per job id. Run it after {@code initTransactions()}, so a transaction a killed predecessor left
 * open is already aborted and the end (the last stable offset) is reachable.
 */
public final class JobLedgerLoader {
  private static final Logger LOG = LoggerFactory.getLogger(JobLedgerLoader.class);

  private JobLedgerLoader() {}

  public static Map<String, JobSpec> load(Map<String, Object> kafka, Duration timeout)
      throws TimeoutException {
    Map<String, Object> props = new HashMap<>(kafka);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    Map<String, JobSpec> jobs = new HashMap<>();
    int skipped = 0;
    Instant deadline = Instant.now().plus(timeout);
    try (var consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(Topics.JOBS.name(), timeout).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      while (!caughtUp(consumer, end)) {
        if (Instant.now().isAfter(deadline)) {
          throw new TimeoutException(
              "reading " + Topics.JOBS.name() + " did not reach its end within " + timeout);
        }
        for (ConsumerRecord<byte[], byte[]> rec : consumer.poll(Duration.ofMillis(200))) {
          skipped += apply(jobs, rec) ? 0 : 1;
        }
      }
    }
    LOG.info(
        "loaded {} jobs from {} ({} unreadable records skipped)",
        jobs.size(),
        Topics.JOBS.name(),
        skipped);
    return jobs;
  }

  /**
   * Applies one record; false when it was skipped. A null value is a tombstone (dsgen.jobs is
   * compacted): it deletes its key's job (the broker refuses keyless records on a compacted topic,
   * so a key is always there). Undecodable bytes and records of another type are skipped with a log
   * line rather than dead-lettered: a dead letter needs a job to be attributed to, and this loader
   * runs before the producer serves anything.
   */
  private static boolean apply(Map<String, JobSpec> jobs, ConsumerRecord<byte[], byte[]> rec) {
    if (rec.value() == null) {
      if (rec.key() != null) {
        jobs.remove(Topics.JOBS.decodeKey(rec));
      }
      return true;
    }
    try {
      JobSpec job = Topics.JOBS.decodeValue(rec);
      jobs.put(job.getJobId(), job);
      return true;
    } catch (UndecodableRecordException e) {
      // Keep going: one unreadable job record must not stop every other job. It stays visible in
      // the log.
      LOG.warn(
          "skipping unreadable job record {}-{}@{}: {}",
          rec.topic(),
          rec.partition(),
          rec.offset(),
          e.getMessage());
      return false;
    }
  }

  private static boolean caughtUp(
      KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
    for (var e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }
}
