package dsgen.worker;

import dsgen.worker.config.WorkerConfig;
import dsgen.worker.config.WorkerSettings;
import dsgen.worker.generate.DiffusionImageGenerator;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;

/**
 * The worker inside Quarkus: started after boot (the model loads in the background, readiness says
 * when it is done), stopped gracefully on SIGTERM through Quarkus' shutdown.
 */
@ApplicationScoped
public class WorkerService {
  private final WorkerConfig config;
  private final Config rawConfig;
  private final MeterRegistry registry;
  private volatile Worker worker;

  WorkerService(WorkerConfig config, Config rawConfig, MeterRegistry registry) {
    this.config = config;
    this.rawConfig = rawConfig;
    this.registry = registry;
  }

  void onStart(@Observes StartupEvent event) {
    WorkerSettings settings = WorkerSettings.from(config, rawConfig);
    worker = new Worker(settings, registry, DiffusionImageGenerator::load).start();
  }

  void onStop(@Observes ShutdownEvent event) {
    Worker w = worker;
    if (w != null) {
      w.stop();
    }
  }

  /** The running worker, or null before start-up finished. */
  public Worker worker() {
    return worker;
  }
}
