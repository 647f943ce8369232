package dsgen.worker.ops;

import dsgen.worker.Worker;
import dsgen.worker.WorkerService;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /q/health/ready}: up when the model is loaded, the broker and the object store answer and
 * the loop runs; its data names the device, dtype and engine the model computes with. {@code
 * /q/health/live}: down only when the worker failed for good (bad model folder, broker refusing the
 * group settings), so an orchestrator restarts it.
 */
public final class WorkerHealth {
  private WorkerHealth() {}

  @Readiness
  @ApplicationScoped
  public static class Ready implements HealthCheck {
    private final WorkerService service;

    Ready(WorkerService service) {
      this.service = service;
    }

    @Override
    public HealthCheckResponse call() {
      HealthCheckResponseBuilder b = HealthCheckResponse.named("dsgen-worker");
      Worker worker = service.worker();
      if (worker == null) {
        return b.down().withData("state", "not started").build();
      }
      dsgen.worker.ops.Readiness r = worker.readiness();
      var model = worker.model();
      if (model != null) {
        b.withData("device", model.device())
            .withData("dtype", model.dtype())
            .withData("engine", model.engine());
      }
      return b.status(r.ready())
          .withData("state", worker.state().name())
          .withData("modelLoaded", r.modelLoaded())
          .withData("brokerReachable", r.brokerReachable())
          .withData("storeReachable", r.storeReachable())
          .withData("inFlight", worker.metrics().inFlight())
          .build();
    }
  }

  @Liveness
  @ApplicationScoped
  public static class Live implements HealthCheck {
    private final WorkerService service;

    Live(WorkerService service) {
      this.service = service;
    }

    @Override
    public HealthCheckResponse call() {
      HealthCheckResponseBuilder b = HealthCheckResponse.named("dsgen-worker");
      Worker worker = service.worker();
      if (worker != null && worker.state() == Worker.State.FAILED) {
        return b.down().withData("failure", String.valueOf(worker.failure())).build();
      }
      return b.up().build();
    }
  }
}
