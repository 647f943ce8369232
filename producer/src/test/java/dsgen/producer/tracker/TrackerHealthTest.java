package dsgen.producer.tracker;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

class TrackerHealthTest {
  private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

  @Test
  void rebalancingIsUpWithinTheGraceAndDownAfterIt() {
    TrackerHealth h = new TrackerHealth(Duration.ofSeconds(60), T0);
    assertTrue(h.verdict(T0.plusSeconds(30)).up(), "starting, within the grace");
    h.changed(State.RUNNING, T0.plusSeconds(31));
    assertTrue(h.verdict(T0.plusSeconds(500)).up());
    h.changed(State.REBALANCING, T0.plusSeconds(600));
    assertTrue(h.verdict(T0.plusSeconds(660)).up(), "60 s of rebalancing is within the grace");
    TrackerHealth.Verdict late = h.verdict(T0.plusSeconds(661));
    assertFalse(late.up());
    assertTrue(late.reason().contains("REBALANCING for 61 s"), late.reason());
    h.changed(State.RUNNING, T0.plusSeconds(700));
    assertTrue(h.verdict(T0.plusSeconds(701)).up(), "back up once running");
  }

  @Test
  void errorIsDownAtOnceWithItsReason() {
    TrackerHealth h = new TrackerHealth(Duration.ofSeconds(60), T0);
    h.changed(State.RUNNING, T0);
    h.changed(State.PENDING_ERROR, T0.plusSeconds(5));
    h.changed(State.ERROR, T0.plusSeconds(6));
    TrackerHealth.Verdict v = h.verdict(T0.plusSeconds(6));
    assertFalse(v.up());
    assertTrue(v.reason().contains("tracker ERROR since"), v.reason());
  }
}
