package dsgen.worker.task;

import dsgen.attention.TensorName;
import dsgen.records.PromptTask;
import java.time.Instant;
import java.util.SortedSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A decoded prompt task together with the record it came from (needed to acknowledge it and to name
 * it in a dead letter).
 *
 * @param captureProfile the task's capture profile, the worker default filled in (recorded)
 * @param captureTensors the tensors to capture, resolved once at intake
 */
public record AcquiredTask(
    ConsumerRecord<byte[], byte[]> record,
    PromptTask task,
    String captureProfile,
    SortedSet<TensorName> captureTensors,
    Instant acquiredAt) {

  public String imageId() {
    return task.getImageId();
  }

  /**
   * Delivery attempt of this record (1 for the first); 1 when the consumer does not count
   * deliveries.
   */
  public int deliveryCount() {
    return record.deliveryCount().map(Short::intValue).orElse(1);
  }
}
