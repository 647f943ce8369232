package dsgen.diffusion.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** A dense layer {@code prefix.weight} [out, in] (+ {@code prefix.bias} [out]). */
public record LinearLayer(NDArray weight, NDArray bias) {
  public static LinearLayer load(TensorSource src, String prefix, long in, long out, boolean bias) {
    NDArray w = src.tensor(prefix + ".weight", new Shape(out, in));
    NDArray b = bias ? src.tensor(prefix + ".bias", new Shape(out)) : null;
    return new LinearLayer(w, b);
  }

  public NDArray apply(NDArray x) {
    return Ops.linear(x, weight, bias);
  }
}
