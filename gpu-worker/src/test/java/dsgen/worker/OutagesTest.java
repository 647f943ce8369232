package dsgen.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dsgen.kafka.Topics;
import dsgen.localstack.LocalStack;
import dsgen.localstack.LocalStackExtension;
import dsgen.records.DeadLetter;
import dsgen.records.Generation;
import dsgen.store.ObjectStore;
import dsgen.store.StoreConfig;
import dsgen.worker.support.InProcessWorkers;
import dsgen.worker.support.RecordFeed;
import dsgen.worker.support.TopicLog;
import dsgen.worker.task.TestTasks;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** A job survives the object store going away for 20 s and the broker restarting in its middle. */
@ExtendWith(LocalStackExtension.class)
class OutagesTest {
  private static final int WAVE = 8;

  @Test
  @Timeout(300)
  void aJobCompletesThroughAnObjectStoreOutageAndABrokerRestart(LocalStack stack) throws Exception {
    try (InProcessWorkers workers = new InProcessWorkers();
        RecordFeed feed = new RecordFeed(stack.bootstrapServers());
        TopicLog<Generation> generations =
            new TopicLog<>(stack.bootstrapServers(), Topics.GENERATIONS)) {
      Worker worker = workers.start(stack, "survivor", Map.of());
      workers.awaitRunning(Duration.ofSeconds(90));

      // Object store down for 20 s, from the first generation of the job on.
      IntStream.range(0, WAVE).forEach(i -> feed.task(TestTasks.valid("s3out", i).build()));
      generations.readUntil(g -> images(g, "s3out").size() >= 1, Duration.ofSeconds(60));
      stack.stopS3();
      Thread.sleep(20_000);
      stack.startS3();
      assertEquals(
          WAVE,
          images(
                  generations.readUntil(
                      g -> images(g, "s3out").size() >= WAVE, Duration.ofSeconds(90)),
                  "s3out")
              .size(),
          "every task of the first job after the outage");
      assertTrue(
          workers.tasks(worker, "released") >= 1, "tasks were released while the store was down");

      // Broker restarted after the first generation of the second job.
      IntStream.range(0, WAVE).forEach(i -> feed.task(TestTasks.valid("kafkart", i).build()));
      generations.readUntil(g -> images(g, "kafkart").size() >= 1, Duration.ofSeconds(60));
      stack.restartBroker();
      List<Generation> all =
          generations.readUntil(g -> images(g, "kafkart").size() >= WAVE, Duration.ofSeconds(120));
      assertEquals(
          WAVE, images(all, "kafkart").size(), "every task of the second job after the restart");

      try (ObjectStore store =
          ObjectStore.open(StoreConfig.fromProperties(stack.serviceProperties()))) {
        for (Generation g : all) {
          store.get(g.getImage()); // verifies size and sha256
          store.get(g.getAttention());
        }
      }
      try (TopicLog<DeadLetter> deadLetters =
          new TopicLog<>(stack.bootstrapServers(), Topics.DEAD_LETTERS)) {
        assertEquals(List.of(), deadLetters.readFor(Duration.ofSeconds(2)), "no task was given up");
      }
      assertEquals(Worker.State.RUNNING, worker.state());
    }
  }

  private static Set<String> images(List<Generation> generations, String jobId) {
    Predicate<Generation> ofJob = g -> g.getJobId().equals(jobId);
    return generations.stream()
        .filter(ofJob)
        .map(Generation::getImageId)
        .collect(Collectors.toSet());
  }
}
