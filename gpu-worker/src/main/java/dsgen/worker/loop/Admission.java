package dsgen.worker.loop;

import dsgen.records.PromptTask;
import dsgen.worker.task.AcquiredTask;
import dsgen.worker.task.TaskProblem;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** What the intake decided about one record before any generation. */
sealed interface Admission {

  ConsumerRecord<byte[], byte[]> record();

  /** Goes on to generation. */
  record Valid(AcquiredTask task) implements Admission {
    @Override
    public ConsumerRecord<byte[], byte[]> record() {
      return task.record();
    }
  }

  /** Its job was cancelled: acknowledged without generating. */
  record Cancelled(ConsumerRecord<byte[], byte[]> record, PromptTask task) implements Admission {}

  /**
   * Cannot be generated: dead letter, then REJECT. {@code task} is null when the bytes did not
   * decode.
   */
  record Invalid(ConsumerRecord<byte[], byte[]> record, PromptTask task, TaskProblem problem)
      implements Admission {}
}
