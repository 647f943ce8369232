package dsgen.worker.task;

import dsgen.records.ClassEntry;
import dsgen.records.GenerationParams;
import dsgen.records.PromptTask;
import java.time.Instant;
import java.util.List;

/** Prompt tasks for tests: a valid small task, changed field by field. */
public final class TestTasks {
  private TestTasks() {}

  public static PromptTask.Builder valid(String jobId, int index) {
    return PromptTask.newBuilder()
        .setImageId(String.format("%s-%06d", jobId, index))
        .setJobId(jobId)
        .setIndex(index)
        .setDataset("test-set")
        .setPrompt("a photo of a cat")
        .setClasses(List.of(ClassEntry.newBuilder().setName("cat").setLabel(1).build()))
        .setSeed(1000L + index)
        .setParams(params(64, 3).build())
        .setCreatedAt(Instant.now());
  }

  public static GenerationParams.Builder params(int size, int steps) {
    return GenerationParams.newBuilder()
        .setWidth(size)
        .setHeight(size)
        .setSteps(steps)
        .setGuidanceScale(7.5);
  }
}
