package dsgen.diffusion.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dsgen.diffusion.attention.AttentionLayer;
import dsgen.diffusion.attention.AttentionProcessor;
import dsgen.diffusion.nn.ConvLayer;
import dsgen.diffusion.nn.LinearLayer;
import dsgen.diffusion.nn.NormLayer;
import dsgen.diffusion.nn.Ops;
import dsgen.diffusion.nn.Scopes;
import dsgen.diffusion.nn.TensorSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * diffusers' {@code Transformer2DModel} with {@code BasicTransformerBlock}s: GroupNorm (eps 1e-6) →
 * proj_in (Linear for SD2's {@code use_linear_projection}, 1×1 conv for SD1) → per block: LN →
 * self-attention → +, LN → cross-attention on the text states → +, LN → GEGLU feed-forward → + →
 * proj_out → + input.
 */
final class Transformer2D {
  private record Block(
      NormLayer norm1,
      AttentionModule attn1,
      NormLayer norm2,
      AttentionModule attn2,
      NormLayer norm3,
      LinearLayer geglu,
      LinearLayer ffOut) {}

  private final NormLayer norm;
  private final boolean linear;
  private final LinearLayer projInLinear;
  private final LinearLayer projOutLinear;
  private final ConvLayer projInConv;
  private final ConvLayer projOutConv;
  private final List<Block> blocks = new ArrayList<>();

  /** {@code order} hands out the execution-order index of each attention module. */
  Transformer2D(
      TensorSource w,
      String prefix,
      int channels,
      int heads,
      int depth,
      UNetConfig cfg,
      AttentionLayer.Part part,
      int level,
      IntSupplier order) {
    norm = NormLayer.group(w, prefix + ".norm", channels, cfg.normGroups(), 1e-6);
    linear = cfg.linearProjection();
    if (linear) {
      projInLinear = LinearLayer.load(w, prefix + ".proj_in", channels, channels, true);
      projOutLinear = LinearLayer.load(w, prefix + ".proj_out", channels, channels, true);
      projInConv = null;
      projOutConv = null;
    } else {
      projInConv = ConvLayer.load1x1(w, prefix + ".proj_in", channels, channels);
      projOutConv = ConvLayer.load1x1(w, prefix + ".proj_out", channels, channels);
      projInLinear = null;
      projOutLinear = null;
    }
    int headDim = channels / heads;
    for (int b = 0; b < depth; b++) {
      String p = prefix + ".transformer_blocks." + b;
      AttentionLayer self =
          new AttentionLayer(p + ".attn1", order.getAsInt(), false, part, level, heads, headDim);
      AttentionLayer cross =
          new AttentionLayer(p + ".attn2", order.getAsInt(), true, part, level, heads, headDim);
      blocks.add(
          new Block(
              NormLayer.layer(w, p + ".norm1", channels, 1e-5),
              new AttentionModule(w, self, channels, channels, cfg.upcastAttention()),
              NormLayer.layer(w, p + ".norm2", channels, 1e-5),
              new AttentionModule(
                  w, cross, channels, cfg.crossAttentionDim(), cfg.upcastAttention()),
              NormLayer.layer(w, p + ".norm3", channels, 1e-5),
              LinearLayer.load(w, p + ".ff.net.0.proj", channels, channels * 8L, true),
              LinearLayer.load(w, p + ".ff.net.2", channels * 4L, channels, true)));
    }
  }

  List<AttentionLayer> layers() {
    List<AttentionLayer> out = new ArrayList<>();
    for (Block b : blocks) {
      out.add(b.attn1().layer());
      out.add(b.attn2().layer());
    }
    return out;
  }

  // LN → GEGLU (first half value, second half gate, value·gelu(gate)) → Linear
  private static NDArray feedForward(Block b, NDArray h) {
    NDArray projected = b.geglu().apply(b.norm3().apply(h));
    long inner = projected.getShape().get(2) / 2;
    NDArray value = projected.get(":, :, :" + inner);
    NDArray gate = projected.get(":, :, " + inner + ":");
    return b.ffOut().apply(value.mul(Ops.gelu(gate)));
  }

  NDArray apply(NDArray x, NDArray context, AttentionProcessor processor) {
    return Scopes.scoped(() -> compute(x, context, processor));
  }

  private NDArray compute(NDArray x, NDArray context, AttentionProcessor processor) {
    Shape s = x.getShape();
    long batch = s.get(0);
    long c = s.get(1);
    int height = (int) s.get(2);
    int width = (int) s.get(3);
    NDArray h = norm.apply(x);
    if (linear) {
      h = projInLinear.apply(h.transpose(0, 2, 3, 1).reshape(batch, (long) height * width, c));
    } else {
      h = projInConv.apply(h).transpose(0, 2, 3, 1).reshape(batch, (long) height * width, c);
    }
    for (Block b : blocks) {
      NDArray n = b.norm1().apply(h);
      h = h.add(b.attn1().apply(n, n, height, width, processor));
      n = b.norm2().apply(h);
      h = h.add(b.attn2().apply(n, context, height, width, processor));
      NDArray attended = h;
      h = h.add(Scopes.scoped(() -> feedForward(b, attended)));
    }
    NDArray out;
    if (linear) {
      out = projOutLinear.apply(h).reshape(batch, height, width, c).transpose(0, 3, 1, 2);
    } else {
      out = projOutConv.apply(h.reshape(batch, height, width, c).transpose(0, 3, 1, 2));
    }
    return out.add(x);
  }
}
