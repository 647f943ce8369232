package dsgen.diffusion;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;

/**
 * Where and in which precision the model computes: CUDA with float16 when libtorch can use a GPU,
 * else CPU with float32 ({@link #resolve}). float16 is refused on the CPU (PyTorch's CPU half
 * kernels are slow and partly missing).
 */
public record DeviceOptions(Device device, DataType dtype) {

  public DeviceOptions {
    if (dtype != DataType.FLOAT32 && dtype != DataType.FLOAT16) {
      throw new IllegalArgumentException("dtype must be float32 or float16, got " + dtype);
    }
    if (dtype == DataType.FLOAT16 && !device.isGpu()) {
      throw new IllegalArgumentException("float16 needs a GPU; this device is " + device);
    }
  }

  public static DeviceOptions cpu() {
    return new DeviceOptions(Device.cpu(), DataType.FLOAT32);
  }

  /**
   * The device and dtype settings of a worker or command ({@code device} auto, cpu, gpu or cuda;
   * {@code dtype} auto, float32 or float16) on this engine. auto takes a GPU when libtorch can use
   * one, else the CPU; gpu/cuda without a usable GPU fails, saying what to install.
   */
  public static DeviceOptions resolve(String device, String dtype, EngineReport engine) {
    boolean gpu =
        switch (device) {
          case "auto" -> engine.engineGpus() > 0;
          case "cpu" -> false;
          case "gpu", "cuda" -> {
            if (engine.engineGpus() == 0) {
              throw new IllegalStateException(
                  "device "
                      + device
                      + " was asked for, but "
                      + engine.summary()
                      + ": "
                      + engine.cudaInstructions());
            }
            yield true;
          }
          default ->
              throw new IllegalArgumentException(
                  "device must be auto, cpu, gpu or cuda, got '" + device + "'");
        };
    DataType type =
        switch (dtype) {
          case "auto" -> gpu ? DataType.FLOAT16 : DataType.FLOAT32;
          case "float32" -> DataType.FLOAT32;
          case "float16" -> {
            if (!gpu) {
              throw new IllegalArgumentException(
                  "dtype float16 needs a GPU (PyTorch's CPU half kernels are slow and partly"
                      + " missing); this run is on the CPU ("
                      + engine.summary()
                      + ")");
            }
            yield DataType.FLOAT16;
          }
          default ->
              throw new IllegalArgumentException(
                  "dtype must be auto, float32 or float16, got '" + dtype + "'");
        };
    return new DeviceOptions(gpu ? Device.gpu() : Device.cpu(), type);
  }

  /** "cpu" or "gpu", as records report the device kind. */
  public String deviceName() {
    return device.isGpu() ? "gpu" : "cpu";
  }

  /** "float32" or "float16", as written into metadata. */
  public String dtypeName() {
    return dtype == DataType.FLOAT16 ? "float16" : "float32";
  }
}
