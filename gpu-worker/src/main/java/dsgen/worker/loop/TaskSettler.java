package dsgen.worker.loop;

import dsgen.records.PromptTask;
import dsgen.worker.ops.WorkerMetrics;
import dsgen.worker.output.DeadLetterPublisher;
import dsgen.worker.output.PublishException;
import dsgen.worker.source.Acknowledgement;
import dsgen.worker.source.TaskSource;
import dsgen.worker.task.AcquiredTask;
import dsgen.worker.task.TaskProblem;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Turns how a task ended into its acknowledgement: ACCEPT once published (or skipped for a
 * cancelled job), REJECT after its dead letter is durable, RELEASE for another attempt, and a dead
 * letter instead of a release on the last allowed delivery. Runs on the consumer thread.
 */
final class TaskSettler {
  private static final Logger LOG = LoggerFactory.getLogger(TaskSettler.class);

  private final TaskSource source;
  private final DeadLetterPublisher deadLetters;
  private final WorkerMetrics metrics;
  private final int maxDeliveries;

  /** Attempts of records whose consumer does not count deliveries (classic group). */
  private final Map<String, Integer> localAttempts = new HashMap<>();

  TaskSettler(
      TaskSource source,
      DeadLetterPublisher deadLetters,
      WorkerMetrics metrics,
      int maxDeliveries) {
    this.source = source;
    this.deadLetters = deadLetters;
    this.metrics = metrics;
    this.maxDeliveries = maxDeliveries;
  }

  /** A task of a cancelled job: done without generating. */
  void skipCancelled(ConsumerRecord<byte[], byte[]> record) {
    acknowledge(record, Acknowledgement.ACCEPT);
    metrics.task("cancelled", "job_cancelled");
  }

  /**
   * @return true when the task was released for a retry
   */
  boolean settle(TaskOutcome outcome) {
    AcquiredTask task = outcome.task();
    ConsumerRecord<byte[], byte[]> record = task.record();
    MDC.put("imageId", task.imageId());
    if (outcome.kind() != TaskOutcome.Kind.RETRY) {
      localAttempts.remove(coordinate(record));
    }
    try {
      return switch (outcome.kind()) {
        case PUBLISHED -> {
          acknowledge(record, Acknowledgement.ACCEPT);
          metrics.task("published", "ok");
          yield false;
        }
        case REPUBLISHED -> {
          acknowledge(record, Acknowledgement.ACCEPT);
          metrics.task("published", "already_generated");
          yield false;
        }
        case INVALID -> !deadLetterThenReject(record, task.task(), outcome.problem());
        case ABANDONED -> {
          acknowledge(record, Acknowledgement.RELEASE);
          metrics.task("released", outcome.failure());
          yield false;
        }
        case RETRY -> retryOrGiveUp(task, outcome);
      };
    } finally {
      MDC.remove("imageId");
    }
  }

  /**
   * Releases a task for another attempt, unless this was its last allowed delivery: the broker
   * would then archive it silently, so the worker dead-letters it first.
   */
  private boolean retryOrGiveUp(AcquiredTask task, TaskOutcome outcome) {
    int attempt =
        task.record().deliveryCount().isPresent()
            ? task.deliveryCount()
            : localAttempts.merge(coordinate(task.record()), 1, Integer::sum);
    if (attempt >= maxDeliveries) {
      localAttempts.remove(coordinate(task.record()));
      TaskProblem gaveUp =
          new TaskProblem(
              TaskProblem.Code.GAVE_UP_AFTER_DELIVERIES,
              "gave up after "
                  + attempt
                  + " attempts; last failure ("
                  + outcome.failure()
                  + "): "
                  + outcome.detail());
      return !deadLetterThenReject(task.record(), task.task(), gaveUp);
    }
    LOG.info(
        "Releasing {} for another attempt ({}: {})",
        task.imageId(),
        outcome.failure(),
        outcome.detail());
    acknowledge(task.record(), Acknowledgement.RELEASE);
    metrics.task("released", outcome.failure());
    return true;
  }

  /**
   * @return false when the dead letter could not be published, in which case the task is released
   *     instead
   */
  boolean deadLetterThenReject(
      ConsumerRecord<byte[], byte[]> record, PromptTask task, TaskProblem problem) {
    try {
      deadLetters.publish(record, task, problem);
    } catch (PublishException e) {
      LOG.warn(
          "Dead letter for {} not published ({}); releasing the task instead",
          problem.code(),
          e.getMessage());
      acknowledge(record, Acknowledgement.RELEASE);
      metrics.task("released", "dead_letter_not_published");
      return false;
    }
    LOG.warn(
        "Rejected task {}: {}", task == null ? coordinate(record) : task.getImageId(), problem);
    acknowledge(record, Acknowledgement.REJECT);
    metrics.task("dead_lettered", problem.code().tag());
    return true;
  }

  private void acknowledge(ConsumerRecord<byte[], byte[]> record, Acknowledgement acknowledgement) {
    source.acknowledge(record, acknowledgement);
    metrics.held(-1);
  }

  static String coordinate(ConsumerRecord<?, ?> r) {
    return r.topic() + "-" + r.partition() + "@" + r.offset();
  }
}
