package dsgen.diffusion.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** A 2-D convolution {@code prefix.weight} [out, in, k, k] + {@code prefix.bias} [out]. */
public record ConvLayer(NDArray weight, NDArray bias, int stride, int padding) {
  public static ConvLayer load(
      TensorSource src, String prefix, long in, long out, int kernel, int stride, int padding) {
    NDArray w = src.tensor(prefix + ".weight", new Shape(out, in, kernel, kernel));
    NDArray b = src.tensor(prefix + ".bias", new Shape(out));
    return new ConvLayer(w, b, stride, padding);
  }

  /** The usual 3×3, stride 1, padding 1 convolution. */
  public static ConvLayer load3x3(TensorSource src, String prefix, long in, long out) {
    return load(src, prefix, in, out, 3, 1, 1);
  }

  public static ConvLayer load1x1(TensorSource src, String prefix, long in, long out) {
    return load(src, prefix, in, out, 1, 1, 0);
  }

  public NDArray apply(NDArray x) {
    return Ops.conv2d(x, weight, bias, stride, padding);
  }
}
