package dsgen.worker.generate;

import dsgen.worker.task.AcquiredTask;
import dsgen.worker.task.InvalidTaskException;
import java.util.List;

/**
 * The model side of the worker: one UNet batch of tasks in, one image and attention file per task
 * out.
 */
public interface ImageGenerator extends AutoCloseable {

  /** What the loaded model is; written into every Generation record and object. */
  ModelInfo model();

  /**
   * Generates a batch of tasks that share a {@link dsgen.worker.task.BatchKey}.
   *
   * @return one image per task, in the order of {@code batch}
   * @throws InvalidTaskException when the model refuses a request (the batch is then retried task
   *     by task so the culprit alone is dead-lettered)
   */
  List<GeneratedImage> generate(List<AcquiredTask> batch) throws InvalidTaskException;

  @Override
  void close();
}
