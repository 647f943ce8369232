package dsgen.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dsgen.localstack.LocalStack;
import dsgen.localstack.LocalStackExtension;
import dsgen.worker.support.InProcessWorkers;
import io.micrometer.core.instrument.Gauge;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Device honesty on this CPU-only machine: asking for CUDA fails the worker at start, saying what
 * to install and where ({@code PYTORCH_LIBRARY_PATH}); {@code auto} runs on the CPU in float32 and
 * says so in the {@code dsgen.worker.model} metric's labels.
 */
@ExtendWith(LocalStackExtension.class)
class DeviceAtStartTest {
  @Test
  @Timeout(120)
  void cudaWithoutAGpuFailsAtStartAndAutoReportsTheCpu(LocalStack stack) throws Exception {
    try (InProcessWorkers workers = new InProcessWorkers()) {
      Worker cuda = workers.start(stack, "wants-cuda", Map.of("dsgen.model.device", "cuda"));
      long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (cuda.state() == Worker.State.STARTING && System.nanoTime() < end) {
        Thread.sleep(100);
      }
      assertEquals(Worker.State.FAILED, cuda.state());
      String why = String.valueOf(cuda.failure().getMessage());
      assertTrue(why.contains("dsgen.model.device=cuda (DSGEN_MODEL_DEVICE)"), why);
      assertTrue(why.contains("CUDA build of libtorch"), why);
      assertTrue(why.contains("PYTORCH_LIBRARY_PATH"), why);
    }
    try (InProcessWorkers workers = new InProcessWorkers()) {
      Worker auto = workers.start(stack, "auto-device", Map.of("dsgen.model.device", "auto"));
      workers.awaitRunning(Duration.ofSeconds(60));
      assertEquals("cpu", auto.model().device());
      assertEquals("float32", auto.model().dtype());
      Gauge model =
          workers
              .registry(auto)
              .find("dsgen.worker.model")
              .tag("device", "cpu")
              .tag("dtype", "float32")
              .gauge();
      assertNotNull(model, "dsgen.worker.model{device=cpu,dtype=float32}");
      assertEquals(1.0, model.value());
      assertTrue(model.getId().getTag("engine").startsWith("PyTorch "), model.getId().toString());
    }
  }
}
