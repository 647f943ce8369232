package dsgen.diffusion;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;

/**
 * Where and in which precision the model computes: CUDA with float16 when DJL finds a GPU, else CPU
 * with float32. float16 is refused on the CPU (PyTorch's CPU half kernels are slow and partly
 * missing).
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

  /** GPU + float16 when one is visible to DJL, else CPU + float32. */
  public static DeviceOptions auto() {
    return Engine.getInstance().getGpuCount() > 0
        ? new DeviceOptions(Device.gpu(), DataType.FLOAT16)
        : cpu();
  }

  public static DeviceOptions cpu() {
    return new DeviceOptions(Device.cpu(), DataType.FLOAT32);
  }

  /** The automatic device with an explicit dtype name ({@code float32} or {@code float16}). */
  public static DeviceOptions autoWithDtype(String dtype) {
    Device device = Engine.getInstance().getGpuCount() > 0 ? Device.gpu() : Device.cpu();
    return switch (dtype) {
      case "float32" -> new DeviceOptions(device, DataType.FLOAT32);
      case "float16" -> new DeviceOptions(device, DataType.FLOAT16);
      default ->
          throw new IllegalArgumentException(
              "dtype must be float32 or float16, got '" + dtype + "'");
    };
  }

  /** "float32" or "float16", as written into metadata. */
  public String dtypeName() {
    return dtype == DataType.FLOAT16 ? "float16" : "float32";
  }
}
