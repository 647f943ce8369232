package dsgen.worker.output;

import dsgen.kafka.DeadLetters;
import dsgen.kafka.Topics;
import dsgen.records.DeadLetter;
import dsgen.records.PromptTask;
import dsgen.worker.task.TaskProblem;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Publishes the dead letter of a prompt task the worker will not generate; thread-safe. */
public final class DeadLetterPublisher {
  public static final String STAGE = "gpu-worker";

  private final RecordPublisher publisher;
  private final String workerId;

  public DeadLetterPublisher(RecordPublisher publisher, String workerId) {
    this.publisher = publisher;
    this.workerId = workerId;
  }

  /**
   * @param task the decoded task, or {@code null} when the record could not be decoded
   * @throws PublishException when the broker did not take it; the caller must then not REJECT the
   *     task
   */
  public DeadLetter publish(
      ConsumerRecord<byte[], byte[]> record, PromptTask task, TaskProblem problem)
      throws PublishException {
    DeadLetters.Builder b =
        DeadLetters.from(STAGE, record)
            .reason(problem.message())
            .errorClass(problem.code().name())
            .workerId(workerId);
    if (task != null) {
      b.jobId(task.getJobId()).imageId(task.getImageId());
    }
    DeadLetter letter = b.build();
    publisher.publish(Topics.DEAD_LETTERS, DeadLetters.keyOf(letter), letter);
    return letter;
  }
}
