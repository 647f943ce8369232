package dsgen.worker.bench;

import dsgen.generation.ModelLimits;
import dsgen.worker.generate.GeneratedImage;
import dsgen.worker.generate.ImageGenerator;
import dsgen.worker.generate.ModelInfo;
import dsgen.worker.task.AcquiredTask;
import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * Benchmark stand-in for a GPU: every batch takes a fixed time (a sleep, as a GPU leaves the CPU
 * free) and yields objects of real size (random bytes: nothing downstream of the worker reads them
 * in the scaling benchmark). Lives in test sources only, so no job can ever reach it; its model id
 * says what it is in every record it produces.
 */
final class SimulatedGpu implements ImageGenerator {
  static final String MODEL_ID = "bench-simulated-gpu";

  private final Duration perBatch;
  private final byte[] png;
  private final byte[] attention;

  SimulatedGpu(Duration perBatch, int pngBytes, int attentionBytes) {
    this.perBatch = perBatch;
    Random random = new Random(42);
    this.png = new byte[pngBytes];
    this.attention = new byte[attentionBytes];
    // incompressible, like real PNG and float16 payloads
    random.nextBytes(png);
    random.nextBytes(attention);
  }

  @Override
  public ModelInfo model() {
    return new ModelInfo(
        MODEL_ID, "gpu", "float16", ModelLimits.stableDiffusion(1024, 1000), "none (benchmark)");
  }

  @Override
  public List<GeneratedImage> generate(List<AcquiredTask> batch) {
    try {
      Thread.sleep(perBatch.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("simulated generation interrupted", e);
    }
    long ms = perBatch.toMillis();
    return batch.stream()
        .map(
            t ->
                new GeneratedImage(
                    png,
                    attention,
                    t.task().getClasses(),
                    List.of(),
                    "simulated",
                    List.of(),
                    new GeneratedImage.StageTimes(0, ms, 1, 0, 0)))
        .toList();
  }

  @Override
  public void close() {}
}
