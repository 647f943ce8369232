package dsgen.worker.loop;

import dsgen.worker.config.WorkerSettings;
import dsgen.worker.generate.ImageGenerator;
import dsgen.worker.ops.WorkerMetrics;
import dsgen.worker.output.CompletionMarkers;
import dsgen.worker.output.DeadLetterPublisher;
import dsgen.worker.output.GenerationObjects;
import dsgen.worker.output.RecordPublisher;
import dsgen.worker.source.TaskSource;
import dsgen.worker.task.AcquiredTask;
import dsgen.worker.task.TaskBatcher;
import dsgen.worker.task.TaskValidator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer thread: acquire tasks → admit (decode, cancelled job, validate) → generate batch by
 * batch on the generation thread while keeping the acquisition locks alive → acknowledge → commit.
 * Stops acquiring on {@link #stop}, finishes the batch in hand until the deadline, then releases
 * what is left.
 */
public final class WorkerLoop implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerLoop.class);
  private static final long WAIT_SLICE_MS = 200;
  private static final Duration GENERATION_STOP_TIMEOUT = Duration.ofSeconds(60);

  private final TaskSource source;
  private final TaskIntake intake;
  private final TaskBatcher batcher;
  private final BatchPipeline pipeline;
  private final TaskSettler settler;
  private final WorkerMetrics metrics;
  private final BooleanSupplier storeReachable;
  private final Backoff backoff;
  private final Duration pollTimeout;
  private final ExecutorService generationThread;
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile long deadlineNanos;

  /**
   * The loop of one worker.
   *
   * @param cancelledJob true for a job whose tasks are acknowledged without generating
   * @param storeReachable probe used to hold off acquiring while the object store is down
   */
  public static WorkerLoop create(
      WorkerSettings settings,
      TaskSource source,
      TaskValidator validator,
      Predicate<String> cancelledJob,
      ImageGenerator generator,
      GenerationObjects objects,
      CompletionMarkers markers,
      RecordPublisher publisher,
      DeadLetterPublisher deadLetters,
      WorkerMetrics metrics,
      BooleanSupplier storeReachable) {
    BatchPipeline pipeline =
        new BatchPipeline(
            generator,
            objects,
            markers,
            publisher,
            metrics,
            settings.workerId(),
            settings.storeRetryTimeout());
    return new WorkerLoop(
        source,
        new TaskIntake(validator, cancelledJob),
        new TaskBatcher(settings.batchSize()),
        pipeline,
        deadLetters,
        metrics,
        storeReachable,
        new Backoff(settings.backoffInitial(), settings.backoffMax()),
        settings.pollTimeout(),
        settings.maxDeliveries(),
        settings.workerId());
  }

  WorkerLoop(
      TaskSource source,
      TaskIntake intake,
      TaskBatcher batcher,
      BatchPipeline pipeline,
      DeadLetterPublisher deadLetters,
      WorkerMetrics metrics,
      BooleanSupplier storeReachable,
      Backoff backoff,
      Duration pollTimeout,
      int maxDeliveries,
      String workerId) {
    this.source = source;
    this.intake = intake;
    this.batcher = batcher;
    this.pipeline = pipeline;
    this.settler = new TaskSettler(source, deadLetters, metrics, maxDeliveries);
    this.metrics = metrics;
    this.storeReachable = storeReachable;
    this.backoff = backoff;
    this.pollTimeout = pollTimeout;
    this.generationThread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "dsgen-generate-" + workerId);
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public void run() {
    try {
      while (!stopping()) {
        List<ConsumerRecord<byte[], byte[]>> records;
        try {
          records = source.poll(pollTimeout);
        } catch (WakeupException e) {
          continue;
        } catch (KafkaException e) {
          LOG.warn("Polling prompt tasks failed: {}", e.toString());
          pause(backoff.next());
          continue;
        }
        if (records.isEmpty()) {
          continue;
        }
        if (handle(records)) {
          waitBeforeAcquiring();
        } else {
          backoff.reset();
        }
      }
    } catch (RuntimeException e) {
      LOG.error("Worker loop failed", e);
      throw e;
    } finally {
      shutDown();
    }
  }

  /**
   * Asks the loop to stop acquiring; the batch in hand may finish until {@code deadline}, then it
   * is released.
   */
  public void stop(Duration deadline) {
    deadlineNanos = System.nanoTime() + deadline.toNanos();
    stopRequested.countDown(); // after the deadline is set: pastDeadline() reads it once stopping
    source.wakeup();
  }

  /** Waits until the loop released or acknowledged everything and closed its consumer. */
  public boolean awaitStopped(Duration timeout) throws InterruptedException {
    return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private boolean stopping() {
    return stopRequested.getCount() == 0;
  }

  /**
   * @return true when some task was released for a retry, so the worker should back off before
   *     acquiring more
   */
  private boolean handle(List<ConsumerRecord<byte[], byte[]>> records) {
    metrics.held(records.size());
    if (LOG.isDebugEnabled()) {
      LOG.debug(
          "Acquired {}",
          records.stream()
              .map(r -> TaskSettler.coordinate(r) + "#" + r.deliveryCount().orElse((short) 1))
              .toList());
    }
    Instant now = Instant.now();
    boolean retried = false;
    List<AcquiredTask> valid = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      Admission admission = intake.admit(record, now);
      if (admission instanceof Admission.Valid v) {
        valid.add(v.task());
      } else if (admission instanceof Admission.Cancelled c) {
        settler.skipCancelled(record);
        LOG.info("Skipped {}: job {} is cancelled", c.task().getImageId(), c.task().getJobId());
      } else if (admission instanceof Admission.Invalid i) {
        retried |= !settler.deadLetterThenReject(record, i.task(), i.problem());
      }
    }
    commit(records.size() - valid.size());
    for (List<AcquiredTask> batch : batcher.batches(valid)) {
      List<TaskOutcome> outcomes =
          pastDeadline() ? batch.stream().map(TaskOutcome::abandoned).toList() : generate(batch);
      for (TaskOutcome outcome : outcomes) {
        retried |= settler.settle(outcome);
      }
      commit(batch.size());
    }
    return retried;
  }

  /**
   * Runs one batch on the generation thread; meanwhile keeps the locks alive and watches the
   * deadline.
   */
  private List<TaskOutcome> generate(List<AcquiredTask> batch) {
    AtomicBoolean abandoned = new AtomicBoolean();
    Future<List<TaskOutcome>> running =
        generationThread.submit(() -> pipeline.run(batch, abandoned));
    long keepAliveEvery = source.keepAliveInterval().toNanos();
    long nextKeepAlive = System.nanoTime() + keepAliveEvery;
    while (true) {
      try {
        return running.get(WAIT_SLICE_MS, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        if (pastDeadline()) {
          LOG.warn("Shutdown deadline reached during a batch of {}; releasing it", batch.size());
          abandoned.set(true);
          running.cancel(true);
          return batch.stream().map(TaskOutcome::abandoned).toList();
        }
        if (System.nanoTime() >= nextKeepAlive) {
          keepAlive();
          nextKeepAlive = System.nanoTime() + keepAliveEvery;
        }
      } catch (ExecutionException e) {
        LOG.error("Batch pipeline failed", e.getCause());
        return batch.stream()
            .map(t -> TaskOutcome.retry(t, "error", e.getCause().toString()))
            .toList();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        abandoned.set(true);
        running.cancel(true);
        return batch.stream().map(TaskOutcome::abandoned).toList();
      }
    }
  }

  private void keepAlive() {
    try {
      source.keepAlive();
    } catch (KafkaException e) {
      LOG.warn("Keeping the task locks alive failed: {}", e.toString());
    }
  }

  private void commit(int acknowledged) {
    if (acknowledged == 0) {
      return;
    }
    long t0 = System.nanoTime();
    try {
      commitOnce();
    } catch (KafkaException e) {
      LOG.warn("Committing acknowledgements failed: {}", e.toString());
    }
    metrics.acknowledge(Duration.ofNanos(System.nanoTime() - t0));
  }

  /**
   * A stop request wakes the consumer, which then throws at its next call: the acknowledgements
   * still go out.
   */
  private void commitOnce() {
    try {
      source.commit();
    } catch (WakeupException e) {
      source.commit();
    }
  }

  /**
   * After a released task: a pause, then no acquiring while the object store is down (deliveries
   * are counted).
   */
  private void waitBeforeAcquiring() {
    pause(backoff.next());
    while (!stopping() && !storeReachable.getAsBoolean()) {
      Duration d = backoff.next();
      LOG.info("Object store unreachable; not acquiring tasks for {} ms", d.toMillis());
      pause(d);
    }
  }

  private void pause(Duration d) {
    try {
      stopRequested.await(d.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopRequested.countDown();
    }
  }

  private boolean pastDeadline() {
    return stopping() && System.nanoTime() - deadlineNanos > 0;
  }

  private void shutDown() {
    try {
      source.releaseHeld();
      commitOnce();
    } catch (RuntimeException e) {
      LOG.warn("Releasing held tasks at shutdown failed: {}", e.toString());
    }
    try {
      source.close();
    } catch (RuntimeException e) {
      LOG.warn("Closing the task consumer failed: {}", e.toString());
    }
    awaitGenerationThread();
    stopped.countDown();
    LOG.info("Worker loop stopped");
  }

  /**
   * The model is closed after the loop ends; a generation still running on native memory must stop
   * first. An interrupted generation stops at its next UNet step.
   */
  private void awaitGenerationThread() {
    generationThread.shutdownNow();
    try {
      if (!generationThread.awaitTermination(
          GENERATION_STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("The generation thread did not stop within {}", GENERATION_STOP_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
