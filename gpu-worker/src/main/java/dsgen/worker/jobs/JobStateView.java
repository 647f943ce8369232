package dsgen.worker.jobs;

import dsgen.kafka.Topics;
import dsgen.kafka.UndecodableRecordException;
import dsgen.records.JobSpec;
import dsgen.records.JobState;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of every job, read from the compacted {@code dsgen.jobs} topic from the beginning by a
 * background thread, so the worker can skip the tasks of cancelled jobs. No consumer group: each
 * worker reads the whole topic (one small record per job) and commits nothing.
 */
public final class JobStateView implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JobStateView.class);
  private static final Duration POLL = Duration.ofMillis(500);

  private final Map<String, JobState> states = new ConcurrentHashMap<>();
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Thread thread;
  private volatile boolean running = true;

  public JobStateView(Map<String, Object> clientProperties, String clientId) {
    Map<String, Object> props = new HashMap<>(clientProperties);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    this.consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.thread = new Thread(this::run, "dsgen-jobs-view");
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  /** True when the latest JobSpec of the job says CANCELLED. Unknown jobs are not cancelled. */
  public boolean isCancelled(String jobId) {
    return states.get(jobId) == JobState.CANCELLED;
  }

  /** Waits until every job record written before {@link #start()} was read. */
  public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void run() {
    try {
      List<TopicPartition> partitions = partitions();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (running) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
          apply(r);
        }
        if (caughtUp.getCount() > 0 && reached(end)) {
          LOG.info("Job view caught up: {} jobs known", states.size());
          caughtUp.countDown();
        }
      }
    } catch (WakeupException e) {
      if (running) {
        LOG.warn("Job view woken up unexpectedly; it stops following dsgen.jobs");
      }
    } catch (KafkaException e) {
      LOG.error("Job view stopped following dsgen.jobs; cancelled jobs are no longer detected", e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private List<TopicPartition> partitions() {
    while (running) {
      List<PartitionInfo> infos =
          consumer.partitionsFor(Topics.JOBS.name(), Duration.ofSeconds(10));
      if (infos != null && !infos.isEmpty()) {
        return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      }
      LOG.info("Waiting for topic {} to exist", Topics.JOBS.name());
    }
    throw new WakeupException();
  }

  private boolean reached(Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  private void apply(ConsumerRecord<byte[], byte[]> r) {
    String jobId = r.key() == null ? null : Topics.JOBS.decodeKey(r);
    try {
      JobSpec spec = Topics.JOBS.decodeValue(r);
      if (spec == null) {
        if (jobId != null) {
          states.remove(jobId);
        }
        return;
      }
      states.put(spec.getJobId(), spec.getState());
    } catch (UndecodableRecordException e) {
      // The producer owns dsgen.jobs and dead-letters its own records; a worker only needs the
      // state.
      LOG.warn("Ignoring job record {}: {}", jobId, e.getMessage());
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
