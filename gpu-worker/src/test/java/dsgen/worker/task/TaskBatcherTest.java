package dsgen.worker.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dsgen.recipe.CaptureProfiles;
import dsgen.recipe.Resolutions;
import dsgen.records.PromptTask;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class TaskBatcherTest {

  @Test
  void groupsTasksSharingSizeStepsGuidanceAndProfileUpToTheBatchSize() {
    List<AcquiredTask> tasks = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      tasks.add(acquired(TestTasks.valid("a", i).build(), "default"));
    }
    tasks.add(
        2,
        acquired(
            TestTasks.valid("b", 0).setParams(TestTasks.params(128, 3).build()).build(),
            "default"));
    tasks.add(
        acquired(
            TestTasks.valid("c", 0)
                .setParams(TestTasks.params(64, 3).setGuidanceScale(3).build())
                .build(),
            "default"));
    tasks.add(acquired(TestTasks.valid("d", 0).build(), "full"));

    List<List<AcquiredTask>> batches = new TaskBatcher(2).batches(tasks);

    assertEquals(
        List.of(
            List.of("a-000000", "a-000001"),
            List.of("a-000002", "a-000003"),
            List.of("a-000004"),
            List.of("b-000000"),
            List.of("c-000000"),
            List.of("d-000000")),
        batches.stream().map(b -> b.stream().map(AcquiredTask::imageId).toList()).toList());
  }

  @Test
  void aBatchSizeBelowOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new TaskBatcher(0));
  }

  private static AcquiredTask acquired(PromptTask task, String profile) {
    return new AcquiredTask(
        new ConsumerRecord<>("dsgen.prompts", 0, task.getIndex(), new byte[0], new byte[0]),
        task,
        profile,
        CaptureProfiles.tensorsFor(profile, Resolutions.available(task.getParams().getWidth() / 8)),
        Instant.now());
  }
}
