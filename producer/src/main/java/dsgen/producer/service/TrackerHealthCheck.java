package dsgen.producer.service;

import dsgen.producer.tracker.TrackerHealth;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while the job tracker runs (rebalances within {@code
 * dsgen.producer.tracker.readiness-grace} included); the body says its Kafka Streams state, since
 * when, and why it is down.
 */
@Readiness
@ApplicationScoped
public class TrackerHealthCheck implements HealthCheck {
  @Inject TrackerStateListener tracker;

  @Override
  public HealthCheckResponse call() {
    TrackerHealth.Verdict v = tracker.verdict();
    return HealthCheckResponse.named("job-tracker")
        .status(v.up())
        .withData("state", v.state().name())
        .withData("since", v.since().toString())
        .withData("reason", v.reason())
        .build();
  }
}
