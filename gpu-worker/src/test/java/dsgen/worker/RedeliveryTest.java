package dsgen.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dsgen.kafka.AvroSerde;
import dsgen.kafka.Topics;
import dsgen.localstack.LocalStack;
import dsgen.localstack.LocalStackExtension;
import dsgen.records.Generation;
import dsgen.records.PromptTask;
import dsgen.store.ObjectStore;
import dsgen.store.StoreConfig;
import dsgen.worker.generate.DiffusionImageGenerator;
import dsgen.worker.generate.GeneratedImage;
import dsgen.worker.generate.ImageGenerator;
import dsgen.worker.generate.ModelInfo;
import dsgen.worker.output.CompletionMarkers;
import dsgen.worker.support.InProcessWorkers;
import dsgen.worker.support.RecordFeed;
import dsgen.worker.support.TestWorkerSettings;
import dsgen.worker.support.TopicLog;
import dsgen.worker.task.AcquiredTask;
import dsgen.worker.task.InvalidTaskException;
import dsgen.worker.task.TestTasks;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A task delivered again after its image was stored (a lost acquisition lock, a failed
 * acknowledgement) is not drawn again: the worker finds the image's completion marker and publishes
 * the same Generation record. A marker that cannot be read makes the worker draw again.
 */
@ExtendWith(LocalStackExtension.class)
class RedeliveryTest {

  /** The real tiny-model generator, counting the images it draws. */
  private static final class CountingGenerator implements ImageGenerator {
    private final ImageGenerator real;
    private final AtomicInteger drawn;

    CountingGenerator(ImageGenerator real, AtomicInteger drawn) {
      this.real = real;
      this.drawn = drawn;
    }

    @Override
    public ModelInfo model() {
      return real.model();
    }

    @Override
    public List<GeneratedImage> generate(List<AcquiredTask> batch) throws InvalidTaskException {
      drawn.addAndGet(batch.size());
      return real.generate(batch);
    }

    @Override
    public void close() {
      real.close();
    }
  }

  @Test
  @Timeout(180)
  void aTaskDeliveredTwiceIsDrawnOnceAndItsGenerationPublishedAgain(LocalStack stack)
      throws Exception {
    AtomicInteger drawn = new AtomicInteger();
    PromptTask task = TestTasks.valid("redeliver", 0).build();
    try (InProcessWorkers workers = new InProcessWorkers();
        RecordFeed feed = new RecordFeed(stack.bootstrapServers());
        TopicLog<Generation> generations =
            new TopicLog<>(stack.bootstrapServers(), Topics.GENERATIONS);
        ObjectStore store =
            ObjectStore.open(StoreConfig.fromProperties(stack.serviceProperties()))) {
      Worker worker =
          workers.start(
              TestWorkerSettings.of(stack, "redelivered", Map.of()),
              settings -> new CountingGenerator(DiffusionImageGenerator.load(settings), drawn));
      workers.awaitRunning(Duration.ofSeconds(90));

      feed.task(task);
      awaitGenerations(generations, task, 1);
      // The same task once more, as the broker redelivers it when the first ACCEPT was lost.
      feed.task(task);
      List<Generation> two = awaitGenerations(generations, task, 2);
      assertEquals(1, drawn.get(), "images drawn for two deliveries of one task");
      assertEquals(two.get(0), two.get(1), "the second delivery publishes the same record");
      // The worker publishes, then acknowledges and counts: the counter may trail the record.
      assertEquals(1.0, awaitPublished(workers, worker, "already_generated", 1.0));

      // A marker whose bytes are not a Generation record: drawn again, under a new generation id,
      // and the new marker replaces it.
      String marker = CompletionMarkers.key(task.getJobId(), task.getImageId());
      store.put(
          marker,
          "not a record".getBytes(StandardCharsets.UTF_8),
          CompletionMarkers.MARKER_TYPE,
          Map.of());
      feed.task(task);
      List<Generation> three = awaitGenerations(generations, task, 3);
      assertEquals(2, drawn.get(), "a corrupt marker makes the worker draw again");
      Generation redrawn = three.get(2);
      assertNotEquals(two.get(0).getGenerationId(), redrawn.getGenerationId());
      assertEquals(
          redrawn,
          AvroSerde.of(Generation.class)
              .deserializer()
              .deserialize(null, store.read(marker).orElseThrow()),
          "the marker now holds the new generation");
      store.get(redrawn.getImage()); // verifies size and sha256
      store.get(redrawn.getAttention());
    }
  }

  private static List<Generation> awaitGenerations(
      TopicLog<Generation> log, PromptTask task, int count) {
    List<Generation> of =
        log.readUntil(all -> ofImage(all, task).size() >= count, Duration.ofSeconds(90)).stream()
            .filter(g -> g.getImageId().equals(task.getImageId()))
            .toList();
    assertEquals(count, of.size(), "Generation records of " + task.getImageId());
    return of;
  }

  private static List<Generation> ofImage(List<Generation> all, PromptTask task) {
    return all.stream().filter(g -> g.getImageId().equals(task.getImageId())).toList();
  }

  private static double awaitPublished(
      InProcessWorkers workers, Worker w, String reason, double expected)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    double seen = published(workers, w, reason);
    while (seen < expected && System.nanoTime() < deadline) {
      Thread.sleep(50);
      seen = published(workers, w, reason);
    }
    return seen;
  }

  private static double published(InProcessWorkers workers, Worker w, String reason) {
    return workers
        .registry(w)
        .find("dsgen.worker.tasks")
        .tag("outcome", "published")
        .tag("reason", reason)
        .counters()
        .stream()
        .mapToDouble(c -> c.count())
        .sum();
  }
}
