package dsgen.worker.bench;

import dsgen.kafka.Topics;
import dsgen.localstack.LocalStack;
import dsgen.localstack.LocalStackConfig;
import dsgen.records.Generation;
import dsgen.worker.support.InProcessWorkers;
import dsgen.worker.support.RecordFeed;
import dsgen.worker.support.TestWorkerSettings;
import dsgen.worker.support.TopicLog;
import dsgen.worker.task.TestTasks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code ./dsgen bench scale}: images/s of 1, 2, 4, ... real workers (share group, object store,
 * publish, acknowledge) in this JVM against one local stack, with {@link SimulatedGpu} standing in
 * for the model, and the efficiency against linear scaling from one worker. Not run by the build.
 *
 * <pre>
 * ./dsgen bench scale [--workers 1,2,4,8,16] [--generation 2000] [--batch 1] [--tasks-per-worker 6]
 *                     [--png-kib 400] [--attention-kib 5120]
 * </pre>
 */
public final class ScaleBench {
  private ScaleBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = options(args);
    int[] counts =
        Arrays.stream(opts.getOrDefault("workers", "1,2,4,8,16").split(","))
            .mapToInt(s -> Integer.parseInt(s.strip()))
            .toArray();
    Duration generation =
        Duration.ofMillis(Long.parseLong(opts.getOrDefault("generation", "2000")));
    int batch = Integer.parseInt(opts.getOrDefault("batch", "1"));
    int perWorker = Integer.parseInt(opts.getOrDefault("tasks-per-worker", "6"));
    int pngBytes = Integer.parseInt(opts.getOrDefault("png-kib", "400")) * 1024;
    int attentionBytes = Integer.parseInt(opts.getOrDefault("attention-kib", "5120")) * 1024;
    System.out.printf(
        "bench scale: simulated generation %d ms per batch of %d, %d tasks per worker, objects %d KiB"
            + " per task, load average at start %s%n",
        generation.toMillis(), batch, perWorker, (pngBytes + attentionBytes) / 1024, loadAverage());
    try (LocalStack stack = LocalStack.start(LocalStackConfig.ephemeral());
        RecordFeed feed = new RecordFeed(stack.bootstrapServers());
        TopicLog<Generation> generations =
            new TopicLog<>(stack.bootstrapServers(), Topics.GENERATIONS)) {
      // warm-up (JIT, connections, topic creation), not reported
      run(
          stack,
          feed,
          generations,
          "scale-warmup",
          1,
          2,
          generation,
          batch,
          pngBytes,
          attentionBytes);
      double single = 0;
      System.out.printf(
          "%8s %8s %10s %10s %10s%n", "workers", "tasks", "wall s", "images/s", "efficiency");
      for (int n : counts) {
        int tasks = n * perWorker;
        double wall =
            run(
                stack,
                feed,
                generations,
                "scale-" + n,
                n,
                tasks,
                generation,
                batch,
                pngBytes,
                attentionBytes);
        double rate = tasks / wall;
        if (single == 0) {
          single = rate / n;
        }
        System.out.printf(
            "%8d %8d %10.1f %10.2f %9.0f %%%n", n, tasks, wall, rate, 100 * rate / (n * single));
      }
      double ideal = batch * 1000.0 / generation.toMillis();
      System.out.printf(
          "ideal: %.2f images/s per worker (batch / generation time); load average at end %s%n",
          ideal, loadAverage());
    }
  }

  /**
   * Starts n workers, feeds tasks once all run, returns the seconds until every task is generated.
   */
  private static double run(
      LocalStack stack,
      RecordFeed feed,
      TopicLog<Generation> generations,
      String job,
      int n,
      int tasks,
      Duration generation,
      int batch,
      int pngBytes,
      int attentionBytes)
      throws InterruptedException {
    try (InProcessWorkers workers = new InProcessWorkers()) {
      Map<String, String> overrides =
          Map.of(
              "dsgen.worker.batch-size",
              String.valueOf(batch),
              "quarkus.log.category.\"dsgen.worker\".level",
              "WARN");
      for (int i = 0; i < n; i++) {
        workers.start(
            TestWorkerSettings.of(stack, job + "-" + i, overrides),
            settings -> new SimulatedGpu(generation, pngBytes, attentionBytes));
      }
      workers.awaitRunning(Duration.ofSeconds(180));
      long t0 = System.nanoTime();
      for (int i = 0; i < tasks; i++) {
        feed.task(TestTasks.valid(job, i).setParams(TestTasks.params(512, 50).build()).build());
      }
      generations.readUntil(g -> distinctImages(g, job) >= tasks, Duration.ofMinutes(30));
      return (System.nanoTime() - t0) / 1e9;
    }
  }

  private static long distinctImages(List<Generation> all, String job) {
    Set<String> ids =
        all.stream()
            .filter(g -> g.getJobId().equals(job))
            .map(Generation::getImageId)
            .collect(Collectors.toSet());
    return ids.size();
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> out = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      out.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    return out;
  }
}
