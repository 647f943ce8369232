package dsgen.worker.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkerMetricsTest {
  @Test
  void unetStepIsTheDenoisingTimeOverTheUnetCalls() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    WorkerMetrics metrics = new WorkerMetrics(registry);
    // PNDM with 8 steps evaluates the UNet 9 times: 900 ms of denoising is 100 ms per evaluation
    metrics.generation(Duration.ofSeconds(1), 2, 9, 900);
    Timer step = registry.get("dsgen.worker.unet.step").timer();
    assertEquals(1, step.count());
    assertEquals(100.0, step.totalTime(TimeUnit.MILLISECONDS), 1e-9);
    assertEquals(2.0, registry.get("dsgen.worker.batch.size").summary().totalAmount(), 0);
  }

  @Test
  void aBatchWithoutUnetCallsRecordsNoStep() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new WorkerMetrics(registry).generation(Duration.ofMillis(5), 1, 0, 0);
    assertEquals(0, registry.get("dsgen.worker.unet.step").timer().count());
    assertEquals(1, registry.get("dsgen.worker.generation").timer().count());
  }
}
