package dsgen.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dsgen.kafka.Topics;
import dsgen.localstack.LocalStack;
import dsgen.localstack.LocalStackExtension;
import dsgen.records.Generation;
import dsgen.store.ObjectStore;
import dsgen.store.StoreConfig;
import dsgen.worker.support.RecordFeed;
import dsgen.worker.support.TopicLog;
import dsgen.worker.support.WorkerProcess;
import dsgen.worker.task.TestTasks;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two packaged worker processes share a job; one is killed with SIGKILL in the middle of it. Every
 * task still ends with a Generation pointing at complete objects, and only the killed worker's
 * in-flight tasks are generated twice. Runs after {@code package} (failsafe), against {@code
 * target/quarkus-app/quarkus-run.jar}.
 */
@ExtendWith(LocalStackExtension.class)
class WorkerKillIT {
  private static final int TASKS = 20;
  private static final Path JAR =
      Path.of(System.getProperty("dsgen.worker.jar", "target/quarkus-app/quarkus-run.jar"));
  private static final Path LOGS = Path.of("target/worker-processes");

  @Test
  @Timeout(300)
  void aWorkerKilledMidJobLosesNothing(LocalStack stack) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
      // One partition that both workers share: what the survivor waits for is the killed worker's
      // acquisition
      // locks (15 s), not the 45 s share session timeout that frees a dead member's partition
      // assignment.
      admin.createTopics(List.of(new NewTopic(Topics.PROMPTS.name(), 1, (short) 1))).all().get();
    }
    Map<String, String> settings =
        Map.of(
            "dsgen.model.dir", Path.of(System.getProperty("dsgen.fixtures"), "tiny-sd2").toString(),
            "dsgen.model.device", "cpu",
            "dsgen.worker.batch-size", "3",
            "dsgen.worker.poll-timeout", "200ms",
            "dsgen.worker.lock.duration", "15s",
            "dsgen.worker.shutdown-deadline", "10s",
            "quarkus.log.category.\"dsgen.worker\".level", "DEBUG");
    try (WorkerProcess victim = WorkerProcess.start(JAR, LOGS, "victim", stack, settings);
        WorkerProcess survivor = WorkerProcess.start(JAR, LOGS, "survivor", stack, settings);
        RecordFeed feed = new RecordFeed(stack.bootstrapServers());
        TopicLog<Generation> generations =
            new TopicLog<>(stack.bootstrapServers(), Topics.GENERATIONS);
        ObjectStore store =
            ObjectStore.open(StoreConfig.fromProperties(stack.serviceProperties()))) {
      victim.awaitReady(Duration.ofSeconds(120));
      survivor.awaitReady(Duration.ofSeconds(120));
      String health = survivor.get("/q/health/ready").map(HttpResponse::body).orElse("");
      assertTrue(
          health.contains("\"dsgen-worker\"")
              && health.contains("\"modelLoaded\": true")
              && health.contains("\"storeReachable\": true")
              && health.contains("\"device\": \"cpu\"")
              && health.contains("\"dtype\": \"float32\""),
          health);

      IntStream.range(0, TASKS)
          .forEach(
              i ->
                  feed.task(
                      TestTasks.valid("kill", i)
                          .setParams(TestTasks.params(64, 12).build())
                          .build()));
      generations.readUntil(
          g -> g.stream().anyMatch(x -> x.getWorkerId().equals("victim")), Duration.ofSeconds(120));
      victim.kill();

      generations.readUntil(g -> imageIds(g).size() >= TASKS, Duration.ofSeconds(150));
      List<Generation> all = generations.readFor(Duration.ofSeconds(3));

      assertEquals(TASKS, imageIds(all).size(), "every task ended with a Generation");
      Map<String, List<Generation>> byImage =
          all.stream().collect(Collectors.groupingBy(Generation::getImageId));
      byImage.forEach(
          (image, gens) -> {
            if (gens.size() > 1) {
              assertTrue(
                  gens.stream().anyMatch(g -> g.getWorkerId().equals("victim")),
                  image + " generated twice without the killed worker: " + gens);
              // A redelivery after the image was stored republishes the stored record (completion
              // marker); a redelivery before that draws again under a new generationId. So records
              // sharing an id must be the same record.
              gens.stream()
                  .collect(java.util.stream.Collectors.groupingBy(Generation::getGenerationId))
                  .forEach(
                      (id, same) ->
                          same.forEach(
                              g ->
                                  assertEquals(
                                      same.get(0),
                                      g,
                                      image + ": " + id + " republished with other content")));
            }
          });
      for (Generation g : all) {
        store.get(g.getImage()); // verifies size and sha256: complete objects only
        store.get(g.getAttention());
      }
      assertTrue(
          survivor.log().contains("#2"),
          "the survivor received a task a second time (the killed worker's in-flight task)");

      String metrics = survivor.get("/q/metrics").map(HttpResponse::body).orElse("");
      assertTrue(metrics.contains("dsgen_worker_tasks_total{outcome=\"published\""), metrics);
      assertTrue(metrics.contains("dsgen_worker_generation_seconds_count"), metrics);
      assertTrue(metrics.contains("dsgen_worker_unet_step_seconds_count"), metrics);
      assertTrue(
          metrics
              .lines()
              .anyMatch(
                  l ->
                      l.startsWith("dsgen_worker_model{")
                          && l.contains("device=\"cpu\"")
                          && l.contains("dtype=\"float32\"")),
          metrics);

      int exit = survivor.terminate(Duration.ofSeconds(40));
      assertNotEquals(-1, exit, "SIGTERM stops the worker within its shutdown deadline");
      assertTrue(survivor.log().contains("Worker loop stopped"), "graceful stop on SIGTERM");
    }
  }

  private static java.util.Set<String> imageIds(List<Generation> generations) {
    return generations.stream().map(Generation::getImageId).collect(Collectors.toSet());
  }
}
