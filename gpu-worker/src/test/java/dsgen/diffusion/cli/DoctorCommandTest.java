package dsgen.diffusion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dsgen.diffusion.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ./dsgen doctor} on this machine (CPU natives, no GPU) with the tiny model. */
class DoctorCommandTest {
  private static String run(int expectedExit, Map<String, String> env, String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int exit = DoctorCommand.run(args, env, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(expectedExit, exit, out);
    return out;
  }

  @Test
  void reportsEngineDeviceAndTheModelFolder() {
    String out =
        run(0, Map.of("DSGEN_MODEL_DIR", Fixtures.tinyModel().toString()), "--device", "auto");
    for (String line :
        new String[] {
          "engine:",
          "libtorch version:",
          "libtorch path:",
          "CUDA runtime:",
          "GPUs usable by libtorch: 0",
          "device:                  cpu (device=auto)",
          "dtype:                   float32 (dtype=auto)",
          "model folder:            OK",
          "default sampler:         ddim (scheduler_config.json: DDIMScheduler)",
          "sampler dpmsolver++:     available"
        }) {
      assertTrue(out.contains(line), line + " missing in\n" + out);
    }
  }

  @Test
  void cudaOnThisMachineFailsSayingWhatToInstall() {
    String out =
        run(
            1,
            Map.of(
                "DSGEN_MODEL_DIR", Fixtures.tinyModel().toString(), "DSGEN_MODEL_DEVICE", "cuda"));
    assertTrue(out.contains("device:") && out.contains("FAILED (device=cuda"), out);
    assertTrue(out.contains("PYTORCH_LIBRARY_PATH"), out);
  }

  @Test
  void aBrokenModelFolderIsNamed() {
    String out = run(1, Map.of(), "--model", Fixtures.root().resolve("no-such-model").toString());
    assertTrue(out.contains("model folder:            FAILED"), out);
    assertTrue(out.contains("not a directory"), out);
  }
}
