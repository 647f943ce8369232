package dsgen.worker.loop;

import dsgen.attention.TensorName;
import dsgen.kafka.Topics;
import dsgen.kafka.UndecodableRecordException;
import dsgen.records.PromptTask;
import dsgen.worker.task.AcquiredTask;
import dsgen.worker.task.InvalidTaskException;
import dsgen.worker.task.TaskProblem;
import dsgen.worker.task.TaskValidator;
import java.time.Instant;
import java.util.SortedSet;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Decodes a prompt-task record, drops it if its job was cancelled, and validates it. */
final class TaskIntake {
  private final TaskValidator validator;
  private final Predicate<String> cancelledJob;

  TaskIntake(TaskValidator validator, Predicate<String> cancelledJob) {
    this.validator = validator;
    this.cancelledJob = cancelledJob;
  }

  Admission admit(ConsumerRecord<byte[], byte[]> record, Instant now) {
    PromptTask task;
    try {
      task = Topics.PROMPTS.decodeValue(record);
    } catch (UndecodableRecordException e) {
      return new Admission.Invalid(
          record,
          null,
          new TaskProblem(TaskProblem.Code.UNDECODABLE_RECORD, "not a PromptTask: " + e.reason()));
    }
    if (cancelledJob.test(task.getJobId())) {
      return new Admission.Cancelled(record, task);
    }
    SortedSet<TensorName> tensors;
    try {
      tensors = validator.validate(task);
    } catch (InvalidTaskException e) {
      return new Admission.Invalid(record, task, e.problem());
    }
    return new Admission.Valid(
        new AcquiredTask(record, task, validator.captureProfile(task), tensors, now));
  }
}
