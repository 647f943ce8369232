package dsgen.worker.ops;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker's Prometheus metrics (names as exported):
 *
 * <ul>
 *   <li>{@code dsgen_worker_tasks_total{outcome,reason}} — tasks settled: outcome published,
 *       dead_lettered, released, cancelled; reason the problem code or failure kind
 *   <li>{@code dsgen_worker_generation_seconds} — wall time of one UNet batch (text encoding to
 *       PNG)
 *   <li>{@code dsgen_worker_unet_step_seconds} — one UNet evaluation of a batch (the denoising time
 *       over the UNet calls the sampler made), attention capture included
 *   <li>{@code dsgen_worker_store_seconds}, {@code dsgen_worker_publish_seconds} — per task
 *   <li>{@code dsgen_worker_acknowledge_seconds} — sending acknowledgements to the broker, per
 *       batch
 *   <li>{@code dsgen_worker_batch_size} — tasks per UNet batch
 *   <li>{@code dsgen_worker_in_flight} — tasks held (acquired, not yet acknowledged)
 *   <li>{@code dsgen_worker_model{model,device,dtype,engine}} — 1 once the model is loaded
 * </ul>
 */
public final class WorkerMetrics {
  private final MeterRegistry registry;
  private final Timer generation;
  private final Timer unetStep;
  private final Timer store;
  private final Timer publish;
  private final Timer acknowledge;
  private final DistributionSummary batchSize;
  private final AtomicInteger inFlight = new AtomicInteger();

  public WorkerMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.generation =
        Timer.builder("dsgen.worker.generation")
            .description("Wall time of one UNet batch, text encoding to PNG")
            .register(registry);
    this.unetStep =
        Timer.builder("dsgen.worker.unet.step")
            .description("One UNet evaluation of a batch, attention capture included")
            .register(registry);
    this.store =
        Timer.builder("dsgen.worker.store")
            .description("Putting one task's image and attention file into the object store")
            .register(registry);
    this.publish =
        Timer.builder("dsgen.worker.publish")
            .description("Publishing one Generation record until the broker acknowledged it")
            .register(registry);
    this.acknowledge =
        Timer.builder("dsgen.worker.acknowledge")
            .description("Committing the acknowledgements of one batch")
            .register(registry);
    this.batchSize =
        DistributionSummary.builder("dsgen.worker.batch.size")
            .description("Tasks per UNet batch")
            .register(registry);
    registry.gauge("dsgen.worker.in.flight", inFlight);
  }

  /**
   * {@code dsgen_worker_model{model,device,dtype,engine}} = 1 once the model is loaded: which
   * device and precision this worker computes on, for dashboards and alerts (a GPU host reporting
   * device="cpu" runs on CPU-only natives).
   */
  public void model(dsgen.worker.generate.ModelInfo model) {
    io.micrometer.core.instrument.Gauge.builder("dsgen.worker.model", () -> 1)
        .description("The loaded model (1), labelled with its device, dtype and engine")
        .tag("model", model.modelId())
        .tag("device", model.device())
        .tag("dtype", model.dtype())
        .tag("engine", model.engine())
        .register(registry);
  }

  public void task(String outcome, String reason) {
    registry.counter("dsgen.worker.tasks", "outcome", outcome, "reason", reason).increment();
  }

  /**
   * One batch: its wall time, its size, and the denoising time spread over the UNet evaluations it
   * made (PNDM evaluates the UNet once more than its steps, so dividing by steps overstates).
   */
  public void generation(Duration wall, int tasks, int unetCalls, long denoiseMs) {
    generation.record(wall);
    batchSize.record(tasks);
    if (unetCalls > 0) {
      unetStep.record(denoiseMs * 1_000_000L / unetCalls, TimeUnit.NANOSECONDS);
    }
  }

  public void store(long millis) {
    store.record(millis, TimeUnit.MILLISECONDS);
  }

  public void publish(Duration d) {
    publish.record(d);
  }

  public void acknowledge(Duration d) {
    acknowledge.record(d);
  }

  public void held(int delta) {
    inFlight.addAndGet(delta);
  }

  public int inFlight() {
    return inFlight.get();
  }
}
