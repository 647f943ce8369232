package dsgen.producer.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the job ledger is open (topics exist, dsgen.jobs was read) and still owned by this
 * instance.
 */
@Readiness
@ApplicationScoped
public class LedgerHealthCheck implements HealthCheck {
  @Inject ProducerRuntime runtime;

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("job-ledger")
        .status(runtime.ready())
        .withData("status", runtime.status())
        .build();
  }
}
