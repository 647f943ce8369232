package dsgen.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dsgen.generation.ModelLimits;
import dsgen.kafka.Topics;
import dsgen.localstack.LocalStack;
import dsgen.localstack.LocalStackExtension;
import dsgen.records.DeadLetter;
import dsgen.worker.generate.GeneratedImage;
import dsgen.worker.generate.ImageGenerator;
import dsgen.worker.generate.ModelInfo;
import dsgen.worker.support.InProcessWorkers;
import dsgen.worker.support.RecordFeed;
import dsgen.worker.support.TestWorkerSettings;
import dsgen.worker.support.TopicLog;
import dsgen.worker.task.AcquiredTask;
import dsgen.worker.task.TestTasks;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A task that fails on every delivery is not archived silently by the broker: on its last allowed
 * delivery the worker dead-letters it, saying why, and rejects it.
 */
@ExtendWith(LocalStackExtension.class)
class GiveUpTest {

  /** A model runtime that fails every batch, as a GPU out of memory would. */
  private static final class FailingGenerator implements ImageGenerator {
    @Override
    public ModelInfo model() {
      return new ModelInfo(
          "failing", "cpu", "float32", ModelLimits.stableDiffusion(512, 1000), "none");
    }

    @Override
    public List<GeneratedImage> generate(List<AcquiredTask> batch) {
      throw new IllegalStateException("native allocation failed (simulated)");
    }

    @Override
    public void close() {}
  }

  @Test
  @Timeout(120)
  void aTaskFailingOnEveryDeliveryIsDeadLetteredOnTheLastOne(LocalStack stack) throws Exception {
    try (InProcessWorkers workers = new InProcessWorkers();
        RecordFeed feed = new RecordFeed(stack.bootstrapServers());
        TopicLog<DeadLetter> deadLetters =
            new TopicLog<>(stack.bootstrapServers(), Topics.DEAD_LETTERS)) {
      Worker worker =
          workers.start(
              TestWorkerSettings.of(stack, "unlucky", Map.of("dsgen.worker.max-deliveries", "3")),
              settings -> new FailingGenerator());
      workers.awaitRunning(Duration.ofSeconds(60));

      feed.task(TestTasks.valid("doomed", 0).build());
      List<DeadLetter> letters = deadLetters.readUntil(d -> !d.isEmpty(), Duration.ofSeconds(60));
      letters = deadLetters.readFor(Duration.ofSeconds(2));

      assertEquals(1, letters.size(), letters.toString());
      DeadLetter d = letters.get(0);
      assertEquals("GAVE_UP_AFTER_DELIVERIES", d.getErrorClass());
      assertTrue(
          d.getReason().contains("gave up after 3 attempts")
              && d.getReason().contains("native allocation failed"),
          d.getReason());
      assertEquals("doomed-000000", d.getImageId());
      assertEquals(2.0, workers.tasks(worker, "released"), "released twice before giving up");
      assertEquals(1.0, workers.tasks(worker, "dead_lettered"));
    }
  }
}
