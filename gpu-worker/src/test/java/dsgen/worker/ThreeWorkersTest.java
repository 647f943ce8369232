package dsgen.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dsgen.kafka.Topics;
import dsgen.localstack.LocalStack;
import dsgen.localstack.LocalStackExtension;
import dsgen.records.Generation;
import dsgen.store.ObjectStore;
import dsgen.worker.support.InProcessWorkers;
import dsgen.worker.support.RecordFeed;
import dsgen.worker.support.TopicLog;
import dsgen.worker.task.TestTasks;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Share groups let workers outnumber partitions: three workers on a two-partition topic share 24
 * tasks.
 */
@ExtendWith(LocalStackExtension.class)
class ThreeWorkersTest {
  private static final int TASKS = 24;

  @Test
  @Timeout(240)
  void threeWorkersOnTwoPartitionsGenerateEachImageExactlyOnce(LocalStack stack) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(Topics.PROMPTS.name(), 2, (short) 1))).all().get();
    }
    try (InProcessWorkers workers = new InProcessWorkers();
        RecordFeed feed = new RecordFeed(stack.bootstrapServers());
        TopicLog<Generation> generations =
            new TopicLog<>(stack.bootstrapServers(), Topics.GENERATIONS);
        ObjectStore store =
            ObjectStore.open(dsgen.store.StoreConfig.fromProperties(stack.serviceProperties()))) {
      for (String id : List.of("w1", "w2", "w3")) {
        workers.start(stack, id, Map.of());
      }
      workers.awaitRunning(Duration.ofSeconds(90));

      IntStream.range(0, TASKS).forEach(i -> feed.task(TestTasks.valid("three", i).build()));
      generations.readUntil(g -> g.size() >= TASKS, Duration.ofSeconds(150));
      List<Generation> done = generations.readFor(Duration.ofSeconds(2));

      Map<String, List<Generation>> byImage =
          done.stream().collect(Collectors.groupingBy(Generation::getImageId));
      assertEquals(TASKS, byImage.size(), "images with a Generation");
      byImage.forEach(
          (image, gens) ->
              assertEquals(
                  1,
                  gens.size(),
                  image
                      + " generated "
                      + gens.size()
                      + "x: "
                      + gens.stream()
                          .map(g -> g.getWorkerId() + "/" + g.getGenerationId())
                          .toList()));
      for (Generation g : done) {
        assertTrue(store.get(g.getImage()).length > 0);
        assertTrue(store.get(g.getAttention()).length > 0);
        assertTrue(
            g.getAttention()
                .getUri()
                .contains("/" + g.getImageId() + "/" + g.getGenerationId() + "/"));
      }
      Map<String, Long> perWorker =
          done.stream()
              .collect(Collectors.groupingBy(Generation::getWorkerId, Collectors.counting()));
      assertEquals(
          Set.of("w1", "w2", "w3"),
          perWorker.keySet(),
          "every worker generated some: " + perWorker);
    }
  }
}
