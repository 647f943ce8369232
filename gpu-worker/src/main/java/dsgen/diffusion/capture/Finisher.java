package dsgen.diffusion.capture;

import ai.djl.ndarray.NDArray;
import dsgen.attention.CompactEncoding;
import dsgen.attention.TensorEncoding;
import java.util.Optional;

/**
 * How a recorder's finished map leaves the device: copied to the host as float32 ({@link #DENSE},
 * lossless files), or encoded on the device as {@link CompactEncoding} plans it, so only the
 * encoded streams are copied ({@link #compact}).
 */
public interface Finisher {
  /** The finished tensor of {@code map} (on the device; not closed). */
  CapturedTensor finish(String name, NDArray map);

  Finisher DENSE =
      (name, map) -> new CapturedTensor(name, map.getShape().getShape(), map.toFloatArray());

  /** Encodes on the device what {@code encoding} plans. */
  static Finisher compact(CompactEncoding encoding) {
    return (name, map) -> {
      long[] shape = map.getShape().getShape();
      int[] ints = new int[shape.length];
      for (int i = 0; i < shape.length; i++) {
        ints[i] = Math.toIntExact(shape[i]);
      }
      Optional<TensorEncoding> spec = encoding.plan(name, ints);
      return spec.isPresent()
          ? CapturedTensor.encoded(name, shape, spec.get(), DeviceEncoder.encode(map, spec.get()))
          : DENSE.finish(name, map);
    };
  }
}
