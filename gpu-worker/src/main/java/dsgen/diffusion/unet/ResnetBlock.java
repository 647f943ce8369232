package dsgen.diffusion.unet;

import ai.djl.ndarray.NDArray;
import dsgen.diffusion.nn.ConvLayer;
import dsgen.diffusion.nn.LinearLayer;
import dsgen.diffusion.nn.NormLayer;
import dsgen.diffusion.nn.Ops;
import dsgen.diffusion.nn.Scopes;
import dsgen.diffusion.nn.TensorSource;

/**
 * diffusers' {@code ResnetBlock2D}: GN → SiLU → conv, plus the projected time embedding (when there
 * is one), GN → SiLU → conv, and a 1×1 shortcut when the channel count changes; the sum is divided
 * by the output scale factor.
 */
public final class ResnetBlock {
  private final NormLayer norm1;
  private final ConvLayer conv1;
  private final LinearLayer timeProjection;
  private final NormLayer norm2;
  private final ConvLayer conv2;
  private final ConvLayer shortcut;
  private final float outputScale;

  public ResnetBlock(
      TensorSource w,
      String prefix,
      long in,
      long out,
      int timeDim,
      int groups,
      double eps,
      double outputScale) {
    norm1 = NormLayer.group(w, prefix + ".norm1", in, groups, eps);
    conv1 = ConvLayer.load3x3(w, prefix + ".conv1", in, out);
    timeProjection =
        timeDim > 0 ? LinearLayer.load(w, prefix + ".time_emb_proj", timeDim, out, true) : null;
    norm2 = NormLayer.group(w, prefix + ".norm2", out, groups, eps);
    conv2 = ConvLayer.load3x3(w, prefix + ".conv2", out, out);
    shortcut = in != out ? ConvLayer.load1x1(w, prefix + ".conv_shortcut", in, out) : null;
    this.outputScale = (float) outputScale;
  }

  /** {@code activatedTime} is SiLU(time embedding) [B, timeDim], or null for the VAE. */
  public NDArray apply(NDArray x, NDArray activatedTime) {
    return Scopes.scoped(() -> compute(x, activatedTime));
  }

  private NDArray compute(NDArray x, NDArray activatedTime) {
    NDArray h = conv1.apply(Ops.silu(norm1.apply(x)));
    if (timeProjection != null) {
      h = h.add(timeProjection.apply(activatedTime).expandDims(2).expandDims(3));
    }
    h = conv2.apply(Ops.silu(norm2.apply(h)));
    NDArray skip = shortcut != null ? shortcut.apply(x) : x;
    NDArray sum = skip.add(h);
    return outputScale == 1f ? sum : sum.div(outputScale);
  }
}
