package dsgen.diffusion.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dsgen.attention.CompactCodec;
import dsgen.attention.TensorEncoding;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The device's components decode like the contract's CPU encoder: top-k entries identical (random
 * maps have no ties), every other value within one code step of the CPU's decode — the device sums
 * blocks and rounds in float32 in its own order, which can move a code by one where the CPU's value
 * lies on a rounding boundary.
 */
class DeviceEncoderTest {
  @Test
  void deviceAndCpuEncodingsDecodeAlike() {
    Random rnd = new Random(5);
    int n = 256;
    float[] map = new float[n * n];
    for (int i = 0; i < n; i++) {
      double sum = 0;
      for (int j = 0; j < n; j++) {
        map[i * n + j] = (float) Math.exp(3 * rnd.nextGaussian());
        sum += map[i * n + j];
      }
      for (int j = 0; j < n; j++) {
        map[i * n + j] /= (float) sum;
      }
    }
    int[] shape = {n, n};
    List<TensorEncoding> specs =
        List.of(
            TensorEncoding.topkBlocks(shape, 4, 4),
            TensorEncoding.q8Rows(shape),
            TensorEncoding.q8Columns(shape));
    try (NDManager manager = NDManager.newBaseManager();
        NDArray device = manager.create(map, new Shape(n, n))) {
      for (TensorEncoding spec : specs) {
        float[] onDevice =
            CompactCodec.decode("m", spec, ByteBuffer.wrap(DeviceEncoder.encode(device, spec)));
        float[] onCpu =
            CompactCodec.decode("m", spec, ByteBuffer.wrap(CompactCodec.encode(spec, map)));
        for (int i = 0; i < n; i++) {
          float lo = Float.MAX_VALUE;
          float hi = -Float.MAX_VALUE;
          for (int j = 0; j < n; j++) {
            lo = Math.min(lo, onCpu[i * n + j]);
            hi = Math.max(hi, onCpu[i * n + j]);
          }
          // one code step of the widest group a row can belong to (columns: the whole map's range)
          double step = spec.kind() == TensorEncoding.Kind.Q8_COLUMNS ? 1.0 / 255 : (hi - lo) / 255;
          for (int j = 0; j < n; j++) {
            assertEquals(
                onCpu[i * n + j],
                onDevice[i * n + j],
                step * 1.01 + 1e-7,
                spec.describe() + " [" + i + ", " + j + "]");
          }
        }
      }
    }
  }
}
