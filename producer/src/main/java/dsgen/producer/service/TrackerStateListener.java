package dsgen.producer.service;

import dsgen.producer.tracker.TrackerHealth;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Quarkus sets this bean as the tracker's Kafka Streams state listener; it feeds {@link
 * TrackerHealth}, which the readiness check and the job API read.
 */
@ApplicationScoped
public class TrackerStateListener implements KafkaStreams.StateListener {
  private final TrackerHealth health;

  @Inject
  public TrackerStateListener(ProducerConfig config) {
    this.health = new TrackerHealth(config.tracker().readinessGrace(), Clock.systemUTC().instant());
  }

  @Override
  public void onChange(KafkaStreams.State newState, KafkaStreams.State oldState) {
    health.changed(newState, Clock.systemUTC().instant());
  }

  public TrackerHealth.Verdict verdict() {
    return health.verdict(Clock.systemUTC().instant());
  }
}
