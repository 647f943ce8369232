package dsgen.producer.expansion;

import dsgen.kafka.Topic;
import dsgen.kafka.Topics;
import dsgen.producer.jobs.PromptExpansion;
import dsgen.records.JobSpec;
import dsgen.records.JobState;
import dsgen.records.PromptTask;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of {@code dsgen.jobs} and {@code dsgen.prompts}. Every change is one Kafka
 * transaction: a batch of prompt tasks is committed together with the job record whose {@code
 * producedTasks} counts them, so the compacted job record is the expansion's progress and the two
 * can never disagree. A producer killed mid-batch leaves an open transaction that the next instance
 * (same transactional id) aborts when it starts; it then resumes at {@code producedTasks}: no task
 * is produced twice, none is skipped.
 *
 * <p>Holds the latest committed version of every job in memory (loaded by {@link JobLedgerLoader});
 * one producer instance per cluster owns the ledger, a second instance with the same transactional
 * id fences the first.
 */
public final class JobLedger implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JobLedger.class);

  private final Producer<byte[], byte[]> producer;
  private final Clock clock;
  private final Map<String, JobSpec> jobs;
  private final Object transactionLock = new Object();
  private volatile boolean fenced;

  /**
   * @param producer a transactional producer on which {@code initTransactions()} has been called
   * @param loaded the committed state of {@code dsgen.jobs}, read after {@code initTransactions()}
   */
  public JobLedger(Producer<byte[], byte[]> producer, Map<String, JobSpec> loaded, Clock clock) {
    this.producer = producer;
    this.clock = clock;
    this.jobs = new ConcurrentHashMap<>(loaded);
  }

  /**
   * Starts the ledger on a transactional producer: {@code initTransactions()} fences any earlier
   * instance with the same transactional id and aborts the transaction it left open; only then is
   * {@code dsgen.jobs} read, so what is loaded is exactly what was committed.
   */
  public static JobLedger open(
      Producer<byte[], byte[]> producer,
      Map<String, Object> consumerProps,
      Clock clock,
      Duration timeout)
      throws TimeoutException {
    producer.initTransactions();
    return new JobLedger(producer, JobLedgerLoader.load(consumerProps, timeout), clock);
  }

  public Optional<JobSpec> job(String jobId) {
    return Optional.ofNullable(jobs.get(jobId));
  }

  public Collection<JobSpec> jobs() {
    return List.copyOf(jobs.values());
  }

  public boolean usable() {
    return !fenced;
  }

  /** Writes a new job (state ACTIVE, nothing produced yet). */
  public JobSpec submit(JobSpec spec) {
    synchronized (transactionLock) {
      if (jobs.containsKey(spec.getJobId())) {
        throw new JobExistsException(spec.getJobId());
      }
      commit(List.of(), spec);
      return spec;
    }
  }

  /** Marks a job CANCELLED; workers then acknowledge its remaining tasks without generating. */
  public Optional<JobSpec> cancel(String jobId) {
    synchronized (transactionLock) {
      JobSpec current = jobs.get(jobId);
      if (current == null || current.getState() == JobState.CANCELLED) {
        return Optional.ofNullable(current);
      }
      JobSpec cancelled =
          JobSpec.newBuilder(current)
              .setState(JobState.CANCELLED)
              .setUpdatedAt(clock.instant())
              .build();
      commit(List.of(), cancelled);
      return Optional.of(cancelled);
    }
  }

  /**
   * Produces the next {@code count} tasks of an active job and its advanced progress in one
   * transaction. A finite job whose last task this was becomes COMPLETED in the same record.
   *
   * @return the job as committed (unchanged when it is not active or has nothing left to produce)
   */
  public JobSpec appendTasks(String jobId, int count) {
    synchronized (transactionLock) {
      JobSpec current = jobs.get(jobId);
      if (current == null) {
        throw new IllegalArgumentException("no job '" + jobId + "'");
      }
      long from = current.getProducedTasks();
      long to =
          current.getContinuous() ? from + count : Math.min(from + count, current.getTotalImages());
      if (current.getState() != JobState.ACTIVE || to <= from) {
        return current;
      }
      PromptExpansion expansion = new PromptExpansion(current);
      var now = clock.instant();
      List<PromptTask> tasks = new java.util.ArrayList<>((int) (to - from));
      for (long i = from; i < to; i++) {
        tasks.add(expansion.taskAt(i, now));
      }
      boolean finished = !current.getContinuous() && to == current.getTotalImages();
      JobSpec advanced =
          JobSpec.newBuilder(current)
              .setProducedTasks(to)
              .setState(finished ? JobState.COMPLETED : JobState.ACTIVE)
              .setUpdatedAt(now)
              .build();
      commit(tasks, advanced);
      return advanced;
    }
  }

  private void commit(List<PromptTask> tasks, JobSpec job) {
    if (fenced) {
      throw new IllegalStateException(
          "this producer was fenced by another instance with the same transactional id");
    }
    try {
      producer.beginTransaction();
      for (PromptTask task : tasks) {
        producer.send(record(Topics.PROMPTS, task.getImageId(), task));
      }
      producer.send(record(Topics.JOBS, job.getJobId(), job));
      producer.commitTransaction();
      jobs.put(job.getJobId(), job);
    } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException e) {
      throw stopWriting(e);
    } catch (KafkaException e) {
      try {
        producer.abortTransaction();
      } catch (ProducerFencedException fence) {
        // Kafka 4 reports a newer instance first as InvalidProducerEpochException; the abort then
        // says fenced.
        fence.addSuppressed(e);
        throw stopWriting(fence);
      } catch (KafkaException abortFailure) {
        e.addSuppressed(abortFailure);
      }
      throw e;
    }
  }

  /**
   * Fatal for this producer: another instance took over, or it may not write. Only closing is left.
   */
  private KafkaException stopWriting(KafkaException e) {
    fenced = true;
    LOG.error("job ledger stopped writing: {}", e.toString());
    return e;
  }

  private static <V> ProducerRecord<byte[], byte[]> record(
      Topic<String, V> topic, String key, V value) {
    return new ProducerRecord<>(
        topic.name(),
        topic.keySerde().serializer().serialize(topic.name(), key),
        topic.valueSerde().serializer().serialize(topic.name(), value));
  }

  @Override
  public void close() {
    producer.close();
  }
}
