package dsgen.worker.bench;

import dsgen.kafka.Topics;
import dsgen.localstack.LocalStack;
import dsgen.localstack.LocalStackConfig;
import dsgen.records.Generation;
import dsgen.worker.Worker;
import dsgen.worker.support.InProcessWorkers;
import dsgen.worker.support.RecordFeed;
import dsgen.worker.support.TopicLog;
import dsgen.worker.task.TestTasks;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Where a worker's time per task goes: generation (UNet batch) versus the rest (store, publish,
 * acknowledge), for the tiny model on this machine. One worker, a local stack in this JVM, N tasks.
 * Not run by the build.
 *
 * <pre>
 * ./mvnw -o -B package -pl gpu-worker -am -DskipTests
 * java -Ddsgen.fixtures=fixtures -Dai.djl.offline=true \
 *   -cp gpu-worker/target/test-classes:gpu-worker/target/classes:$(cat gpu-worker/target/test-classpath.txt) \
 *   dsgen.worker.bench.PipelineTimingBench --tasks 60 --size 256 --steps 20 --batch 4
 * </pre>
 */
public final class PipelineTimingBench {
  private PipelineTimingBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = options(args);
    int tasks = Integer.parseInt(opts.getOrDefault("tasks", "60"));
    int size = Integer.parseInt(opts.getOrDefault("size", "256"));
    int steps = Integer.parseInt(opts.getOrDefault("steps", "20"));
    String batch = opts.getOrDefault("batch", "4");
    try (LocalStack stack = LocalStack.start(LocalStackConfig.ephemeral());
        InProcessWorkers workers = new InProcessWorkers();
        RecordFeed feed = new RecordFeed(stack.bootstrapServers());
        TopicLog<Generation> generations =
            new TopicLog<>(stack.bootstrapServers(), Topics.GENERATIONS)) {
      Worker worker =
          workers.start(
              stack,
              "bench",
              Map.of(
                  "dsgen.worker.batch-size",
                  batch,
                  "quarkus.log.category.\"dsgen.worker\".level",
                  "INFO"));
      workers.awaitRunning(Duration.ofSeconds(120));
      // Warm-up task: first-call costs (JIT, native allocations) are not what a running worker
      // pays.
      feed.task(
          TestTasks.valid("warmup", 0).setParams(TestTasks.params(size, steps).build()).build());
      generations.readUntil(g -> g.size() >= 1, Duration.ofSeconds(300));
      MeterRegistry registry = workers.registry(worker);
      while (Totals.of(registry, "dsgen.worker.acknowledge").count() == 0) {
        Thread.sleep(50); // the warm-up's publish and acknowledgement belong to the warm-up
      }
      Totals publishBefore = Totals.of(registry, "dsgen.worker.publish");
      Totals ackBefore = Totals.of(registry, "dsgen.worker.acknowledge");

      long t0 = System.nanoTime();
      IntStream.range(0, tasks)
          .forEach(
              i ->
                  feed.task(
                      TestTasks.valid("bench", i)
                          .setParams(TestTasks.params(size, steps).build())
                          .build()));
      List<Generation> all = generations.readUntil(g -> g.size() >= tasks + 1, Duration.ofHours(1));
      double wallS = (System.nanoTime() - t0) / 1e9;
      List<Generation> measured = all.stream().filter(g -> g.getJobId().equals("bench")).toList();
      report(
          measured,
          tasks,
          size,
          steps,
          batch,
          wallS,
          Totals.of(registry, "dsgen.worker.publish").minus(publishBefore),
          Totals.of(registry, "dsgen.worker.acknowledge").minus(ackBefore));
    }
  }

  /** Count and total time of a timer, to subtract the warm-up. */
  record Totals(long count, double totalMs) {
    static Totals of(MeterRegistry registry, String name) {
      Timer t = registry.find(name).timer();
      return t == null
          ? new Totals(0, 0)
          : new Totals(t.count(), t.totalTime(TimeUnit.MILLISECONDS));
    }

    Totals minus(Totals before) {
      return new Totals(count - before.count, totalMs - before.totalMs);
    }
  }

  private static void report(
      List<Generation> gens,
      int tasks,
      int size,
      int steps,
      String batch,
      double wallS,
      Totals publish,
      Totals acknowledge) {
    double generationMs =
        perTask(gens, "text")
            + perTask(gens, "denoise")
            + perTask(gens, "decode")
            + perTask(gens, "capture");
    double storeMs =
        gens.stream().mapToDouble(g -> g.getTimings().getStoreMs()).average().orElse(0);
    double publishMs = publish.totalMs() / tasks;
    double ackMs = acknowledge.totalMs() / tasks;
    System.out.printf(
        "%n=== worker pipeline timing: %d tasks, %dx%d, %d steps, batch %s, tiny-sd2 on %s ===%n",
        tasks, size, size, steps, batch, gens.get(0).getDevice());
    System.out.printf("wall clock            %8.2f s  (%.2f tasks/s)%n", wallS, tasks / wallS);
    System.out.printf(
        "generation per task   %8.1f ms  (text %.1f, UNet %.1f, VAE+PNG %.1f, capture %.1f;"
            + " batch time / batch size)%n",
        generationMs,
        perTask(gens, "text"),
        perTask(gens, "denoise"),
        perTask(gens, "decode"),
        perTask(gens, "capture"));
    System.out.printf(
        "store per task        %8.1f ms  (image.png + attention.safetensors)%n", storeMs);
    System.out.printf(
        "publish per task      %8.1f ms  (Generation, acks=all, waited for; %d records)%n",
        publishMs, publish.count());
    System.out.printf(
        "acknowledge per task  %8.1f ms  (commitSync per batch / tasks; %d commits)%n",
        ackMs, acknowledge.count());
    double rest = storeMs + publishMs + ackMs;
    System.out.printf(
        "rest (store+publish+ack) %5.1f ms = %.1f %% of generation%n",
        rest, 100 * rest / generationMs);
    long bytes =
        gens.stream()
            .mapToLong(g -> g.getImage().getSizeBytes() + g.getAttention().getSizeBytes())
            .sum();
    System.out.printf("objects per task      %8.1f KiB%n", bytes / 1024.0 / tasks);
  }

  private static double perTask(List<Generation> gens, String stage) {
    return gens.stream()
        .mapToDouble(
            g -> {
              var t = g.getTimings();
              long ms =
                  switch (stage) {
                    case "text" -> t.getTextEncodeMs();
                    case "denoise" -> t.getDenoiseMs();
                    case "decode" -> t.getDecodeMs();
                    default -> t.getCaptureMs();
                  };
              return (double) ms / t.getBatchSize();
            })
        .average()
        .orElse(0);
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> out = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      out.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    return out;
  }
}
