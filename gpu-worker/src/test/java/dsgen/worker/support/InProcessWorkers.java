package dsgen.worker.support;

import dsgen.localstack.LocalStack;
import dsgen.worker.Worker;
import dsgen.worker.config.WorkerSettings;
import dsgen.worker.generate.DiffusionImageGenerator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Several real workers (tiny model, real broker and S3 server) in this JVM, each with its own
 * metrics.
 */
public final class InProcessWorkers implements AutoCloseable {
  private final List<Worker> workers = new ArrayList<>();
  private final List<MeterRegistry> registries = new ArrayList<>();

  public Worker start(LocalStack stack, String workerId, Map<String, String> overrides) {
    return start(TestWorkerSettings.of(stack, workerId, overrides), DiffusionImageGenerator::load);
  }

  public Worker start(WorkerSettings settings, Worker.GeneratorFactory generators) {
    MeterRegistry registry = new SimpleMeterRegistry();
    Worker w = new Worker(settings, registry, generators).start();
    workers.add(w);
    registries.add(registry);
    return w;
  }

  /** Waits until every worker consumes (model loaded, group joined). */
  public void awaitRunning(Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    for (Worker w : workers) {
      while (w.state() == Worker.State.STARTING && System.nanoTime() < end) {
        Thread.sleep(100);
      }
      if (w.state() != Worker.State.RUNNING) {
        throw new IllegalStateException("worker " + w.id() + " is " + w.state(), w.failure());
      }
    }
  }

  public MeterRegistry registry(Worker w) {
    return registries.get(workers.indexOf(w));
  }

  /** Tasks a worker settled with the given outcome (metric dsgen.worker.tasks). */
  public double tasks(Worker w, String outcome) {
    return registry(w).find("dsgen.worker.tasks").tag("outcome", outcome).counters().stream()
        .mapToDouble(c -> c.count())
        .sum();
  }

  public List<Worker> all() {
    return List.copyOf(workers);
  }

  @Override
  public void close() {
    workers.parallelStream().forEach(Worker::stop);
  }
}
