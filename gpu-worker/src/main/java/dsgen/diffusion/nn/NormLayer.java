package dsgen.diffusion.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * GroupNorm (groups &gt; 0, NCHW) or LayerNorm over the last axis (groups == 0), with its scale and
 * shift.
 */
public record NormLayer(NDArray gamma, NDArray beta, int groups, float eps) {
  public static NormLayer group(
      TensorSource src, String prefix, long channels, int groups, double eps) {
    return new NormLayer(
        src.tensor(prefix + ".weight", new Shape(channels)),
        src.tensor(prefix + ".bias", new Shape(channels)),
        groups,
        (float) eps);
  }

  public static NormLayer layer(TensorSource src, String prefix, long channels, double eps) {
    return new NormLayer(
        src.tensor(prefix + ".weight", new Shape(channels)),
        src.tensor(prefix + ".bias", new Shape(channels)),
        0,
        (float) eps);
  }

  public NDArray apply(NDArray x) {
    return groups > 0
        ? Ops.groupNorm(x, groups, gamma, beta, eps)
        : Ops.layerNorm(x, gamma, beta, eps);
  }
}
