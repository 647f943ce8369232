package dsgen.worker.loop;

import dsgen.kafka.Topics;
import dsgen.records.Generation;
import dsgen.store.ObjectStoreException;
import dsgen.store.ObjectStoreUnavailableException;
import dsgen.store.StoreRetry;
import dsgen.worker.generate.GeneratedImage;
import dsgen.worker.generate.ImageGenerator;
import dsgen.worker.generate.ModelInfo;
import dsgen.worker.ops.WorkerMetrics;
import dsgen.worker.output.CompletionMarkers;
import dsgen.worker.output.GenerationObjects;
import dsgen.worker.output.GenerationRecords;
import dsgen.worker.output.PublishException;
import dsgen.worker.output.RecordPublisher;
import dsgen.worker.output.StoredObjects;
import dsgen.worker.task.AcquiredTask;
import dsgen.worker.task.InvalidTaskException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Look for finished images → generate → store → mark complete → publish for one batch, on the
 * generation thread. Never throws: every task ends with a {@link TaskOutcome} the loop
 * acknowledges. A generation is not thrown away because the store hiccupped: puts are retried in
 * place (the loop keeps the locks alive meanwhile) up to the store retry timeout.
 */
final class BatchPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(BatchPipeline.class);
  private static final Duration FIRST_STORE_PAUSE = Duration.ofMillis(500);

  private final ImageGenerator generator;
  private final GenerationObjects objects;
  private final CompletionMarkers markers;
  private final RecordPublisher publisher;
  private final WorkerMetrics metrics;
  private final String workerId;
  private final Duration storeRetryTimeout;
  private final StoreRetry storeRetry;

  BatchPipeline(
      ImageGenerator generator,
      GenerationObjects objects,
      CompletionMarkers markers,
      RecordPublisher publisher,
      WorkerMetrics metrics,
      String workerId,
      Duration storeRetryTimeout) {
    this.generator = generator;
    this.objects = objects;
    this.markers = markers;
    this.publisher = publisher;
    this.metrics = metrics;
    this.workerId = workerId;
    this.storeRetryTimeout = storeRetryTimeout;
    this.storeRetry = new StoreRetry(storeRetryTimeout, FIRST_STORE_PAUSE);
  }

  /**
   * @param abandoned set by the loop at the shutdown deadline: nothing more is stored or published
   */
  List<TaskOutcome> run(List<AcquiredTask> batch, AtomicBoolean abandoned) {
    List<TaskOutcome> out = new ArrayList<>(batch.size());
    List<AcquiredTask> toGenerate = new ArrayList<>(batch.size());
    for (AcquiredTask task : batch) {
      MDC.put("imageId", task.imageId());
      try {
        Optional<Generation> finished =
            storeRetry.call(() -> markers.find(task.task()), abandoned::get);
        if (finished.isPresent()) {
          out.add(republish(task, finished.get()));
        } else {
          toGenerate.add(task);
        }
      } catch (ObjectStoreUnavailableException e) {
        LOG.warn(
            "Object store unavailable for {} while looking for a finished image",
            storeRetryTimeout);
        out.add(TaskOutcome.retry(task, "object_store_unavailable", e.getMessage()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        out.add(TaskOutcome.abandoned(task));
      } finally {
        MDC.remove("imageId");
      }
    }
    if (!toGenerate.isEmpty()) {
      out.addAll(
          abandoned.get()
              ? toGenerate.stream().map(TaskOutcome::abandoned).toList()
              : generate(toGenerate, abandoned));
    }
    return out;
  }

  /**
   * A redelivered task whose image is stored and marked complete: the same record again, no
   * drawing. Consumers tell it is the same by its generation id.
   */
  private TaskOutcome republish(AcquiredTask task, Generation finished) {
    LOG.info(
        "Image already generated ({}); publishing its generation again",
        finished.getGenerationId());
    try {
      publisher.publish(Topics.GENERATIONS, task.imageId(), finished);
    } catch (PublishException e) {
      LOG.warn("Generation {} not published again: {}", finished.getGenerationId(), e.getMessage());
      return TaskOutcome.retry(task, "publish_failed", e.getMessage());
    }
    return TaskOutcome.republished(task);
  }

  private List<TaskOutcome> generate(List<AcquiredTask> batch, AtomicBoolean abandoned) {
    MDC.put("imageId", batch.stream().map(AcquiredTask::imageId).collect(Collectors.joining(",")));
    List<GeneratedImage> images;
    long t0 = System.nanoTime();
    try {
      images = generator.generate(batch);
    } catch (InvalidTaskException e) {
      MDC.remove("imageId");
      return refused(batch, abandoned, e);
    } catch (CancellationException e) {
      LOG.info("Generation stopped for shutdown: {}", e.getMessage());
      MDC.remove("imageId");
      return batch.stream().map(TaskOutcome::abandoned).toList();
    } catch (RuntimeException e) {
      LOG.error("Generation of {} tasks failed", batch.size(), e);
      MDC.remove("imageId");
      return batch.stream()
          .map(t -> TaskOutcome.retry(t, "generation_failed", e.toString()))
          .toList();
    }
    Duration wall = Duration.ofNanos(System.nanoTime() - t0);
    GeneratedImage.StageTimes times = images.get(0).times();
    metrics.generation(wall, batch.size(), times.unetCalls(), times.denoiseMs());
    LOG.info("Generated {} image(s) in {} ms", batch.size(), wall.toMillis());
    MDC.remove("imageId");
    List<TaskOutcome> out = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      AcquiredTask task = batch.get(i);
      MDC.put("imageId", task.imageId());
      try {
        out.add(
            abandoned.get()
                ? TaskOutcome.abandoned(task)
                : storeAndPublish(task, images.get(i), batch.size(), abandoned));
      } finally {
        MDC.remove("imageId");
      }
    }
    return out;
  }

  /**
   * The model refused something: alone, the task is invalid; in a batch, find the culprit task by
   * task.
   */
  private List<TaskOutcome> refused(
      List<AcquiredTask> batch, AtomicBoolean abandoned, InvalidTaskException e) {
    if (batch.size() == 1) {
      return List.of(TaskOutcome.invalid(batch.get(0), e.problem()));
    }
    LOG.info(
        "The model refused a batch of {} ({}); retrying its tasks one by one",
        batch.size(),
        e.problem());
    List<TaskOutcome> out = new ArrayList<>();
    for (AcquiredTask task : batch) {
      out.addAll(
          abandoned.get()
              ? List.of(TaskOutcome.abandoned(task))
              : generate(List.of(task), abandoned));
    }
    return out;
  }

  private TaskOutcome storeAndPublish(
      AcquiredTask task, GeneratedImage image, int batchSize, AtomicBoolean abandoned) {
    String generationId = UUID.randomUUID().toString();
    ModelInfo model = generator.model();
    StoredObjects stored;
    try {
      stored =
          storeRetry.call(
              () ->
                  objects.put(
                      task.task(), generationId, task.captureProfile(), image, model, workerId),
              abandoned::get);
    } catch (ObjectStoreUnavailableException e) {
      LOG.warn(
          "Object store unavailable for {} after retrying {}: {}",
          storeRetryTimeout,
          generationId,
          e.getMessage());
      return TaskOutcome.retry(task, "object_store_unavailable", e.getMessage());
    } catch (ObjectStoreException | IllegalArgumentException e) {
      LOG.error("Object store refused generation {}", generationId, e);
      return TaskOutcome.retry(task, "object_store_error", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return TaskOutcome.abandoned(task);
    }
    metrics.store(stored.storeMs());
    if (abandoned.get()) {
      return TaskOutcome.abandoned(task);
    }
    Generation generation =
        GenerationRecords.of(
            task.task(),
            generationId,
            task.captureProfile(),
            image,
            stored,
            model,
            workerId,
            task.acquiredAt(),
            batchSize,
            Instant.now());
    try {
      storeRetry.call(
          () -> {
            markers.write(generation);
            return null;
          },
          abandoned::get);
    } catch (ObjectStoreUnavailableException e) {
      LOG.warn("Completion marker of {} not written: {}", generationId, e.getMessage());
      return TaskOutcome.retry(task, "object_store_unavailable", e.getMessage());
    } catch (ObjectStoreException | IllegalArgumentException e) {
      LOG.error("Object store refused the completion marker of {}", generationId, e);
      return TaskOutcome.retry(task, "object_store_error", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return TaskOutcome.abandoned(task);
    }
    long t0 = System.nanoTime();
    try {
      publisher.publish(Topics.GENERATIONS, task.imageId(), generation);
    } catch (PublishException e) {
      LOG.warn("Generation {} not published: {}", generationId, e.getMessage());
      return TaskOutcome.retry(task, "publish_failed", e.getMessage());
    }
    metrics.publish(Duration.ofNanos(System.nanoTime() - t0));
    LOG.debug("Published generation {}", generationId);
    return TaskOutcome.published(task);
  }
}
