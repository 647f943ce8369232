package dsgen.diffusion.unet;

import ai.djl.ndarray.NDArray;
import dsgen.diffusion.attention.AttentionCall;
import dsgen.diffusion.attention.AttentionLayer;
import dsgen.diffusion.attention.AttentionProcessor;
import dsgen.diffusion.nn.Heads;
import dsgen.diffusion.nn.LinearLayer;
import dsgen.diffusion.nn.Scopes;
import dsgen.diffusion.nn.TensorSource;

/**
 * diffusers' {@code Attention} as used in UNet transformer blocks: bias-free q/k/v projections,
 * heads of channels/heads, scale 1/√d, output projection with bias. The probabilities are computed
 * by the processor.
 */
final class AttentionModule {
  private final AttentionLayer layer;
  private final LinearLayer toQ;
  private final LinearLayer toK;
  private final LinearLayer toV;
  private final LinearLayer toOut;
  private final float scale;
  private final boolean upcast;

  AttentionModule(
      TensorSource w, AttentionLayer layer, long channels, long keyDim, boolean upcast) {
    this.layer = layer;
    String p = layer.name();
    toQ = LinearLayer.load(w, p + ".to_q", channels, channels, false);
    toK = LinearLayer.load(w, p + ".to_k", keyDim, channels, false);
    toV = LinearLayer.load(w, p + ".to_v", keyDim, channels, false);
    toOut = LinearLayer.load(w, p + ".to_out.0", channels, channels, true);
    scale = (float) (1.0 / Math.sqrt(layer.headDim()));
    this.upcast = upcast;
  }

  AttentionLayer layer() {
    return layer;
  }

  /**
   * x [B, N, C]; context [B, M, keyDim] (x itself for self-attention); the map is height × width.
   */
  NDArray apply(NDArray x, NDArray context, int height, int width, AttentionProcessor processor) {
    return Scopes.scoped(
        () -> {
          int heads = layer.heads();
          NDArray q = Heads.split(toQ.apply(x), heads);
          NDArray k = Heads.split(toK.apply(context), heads);
          NDArray v = Heads.split(toV.apply(context), heads);
          NDArray o =
              processor.attend(
                  new AttentionCall(layer, q, k, v, scale, upcast, toK, height, width));
          return toOut.apply(Heads.merge(o));
        });
  }
}
