package dsgen.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.api.Test;

/**
 * Device settings against engine reports: this machine's (bundled CPU natives) and a GPU host whose
 * driver shows a GPU that the CPU-only natives cannot use.
 */
class DeviceOptionsTest {
  private static final EngineReport CPU_NATIVES_ON_GPU_HOST =
      new EngineReport(
          "PyTorch",
          "0.35.1",
          "2.7.1",
          "/cache/pytorch/2.7.1-cpu-linux-x86_64",
          1,
          "12.4",
          0,
          "",
          "");

  @Test
  void cudaWithoutAUsableGpuFailsNamingWhatToInstallAndPytorchLibraryPath() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> DeviceOptions.resolve("cuda", "auto", CPU_NATIVES_ON_GPU_HOST));
    for (String needed :
        new String[] {
          "CPU-only build",
          "1 GPU(s) seen by the CUDA runtime but none usable",
          "CUDA build of libtorch 2.7.1",
          "PYTORCH_LIBRARY_PATH"
        }) {
      assertTrue(e.getMessage().contains(needed), e.getMessage());
    }
    assertThrows(
        IllegalStateException.class,
        () -> DeviceOptions.resolve("gpu", "float16", CPU_NATIVES_ON_GPU_HOST));
  }

  @Test
  void autoTakesTheCpuInFloat32WithoutAUsableGpuAndRefusesFloat16There() {
    DeviceOptions auto = DeviceOptions.resolve("auto", "auto", CPU_NATIVES_ON_GPU_HOST);
    assertEquals("cpu", auto.deviceName());
    assertEquals(DataType.FLOAT32, auto.dtype());
    IllegalArgumentException half =
        assertThrows(
            IllegalArgumentException.class,
            () -> DeviceOptions.resolve("auto", "float16", CPU_NATIVES_ON_GPU_HOST));
    assertTrue(half.getMessage().contains("float16 needs a GPU"), half.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> DeviceOptions.resolve("tpu", "auto", CPU_NATIVES_ON_GPU_HOST));
  }

  @Test
  void thisMachinesEngineIsReported() {
    EngineReport r = EngineReport.current();
    assertEquals("PyTorch", r.engine());
    assertFalse(r.libtorchVersion().isEmpty());
    assertFalse(r.libtorchPath().isEmpty());
    assertTrue(r.asMap().containsKey("libtorch path"), r.asMap().toString());
    // the test machines have no GPU: auto resolves to the CPU
    assertEquals("cpu", DeviceOptions.resolve("auto", "auto", r).deviceName());
  }
}
