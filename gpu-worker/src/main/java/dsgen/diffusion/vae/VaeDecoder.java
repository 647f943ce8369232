package dsgen.diffusion.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dsgen.diffusion.nn.ConvLayer;
import dsgen.diffusion.nn.LinearLayer;
import dsgen.diffusion.nn.NormLayer;
import dsgen.diffusion.nn.Ops;
import dsgen.diffusion.nn.Scopes;
import dsgen.diffusion.nn.TensorSource;
import dsgen.diffusion.unet.ResnetBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The VAE decoder of {@code AutoencoderKL}: post_quant_conv (1×1), conv_in, mid block (resnet,
 * single-head attention, resnet), up blocks of layers_per_block+1 resnets with nearest ×2
 * upsampling, GN → SiLU → conv_out. Every GroupNorm uses eps 1e-6. Input is latents /
 * scaling_factor.
 */
public final class VaeDecoder {
  /** Legacy diffusers names of the mid-block attention, accepted in place of the current ones. */
  public static final Map<String, String> LEGACY_NAMES =
      Map.of(
          "decoder.mid_block.attentions.0.to_q.weight",
              "decoder.mid_block.attentions.0.query.weight",
          "decoder.mid_block.attentions.0.to_q.bias", "decoder.mid_block.attentions.0.query.bias",
          "decoder.mid_block.attentions.0.to_k.weight", "decoder.mid_block.attentions.0.key.weight",
          "decoder.mid_block.attentions.0.to_k.bias", "decoder.mid_block.attentions.0.key.bias",
          "decoder.mid_block.attentions.0.to_v.weight",
              "decoder.mid_block.attentions.0.value.weight",
          "decoder.mid_block.attentions.0.to_v.bias", "decoder.mid_block.attentions.0.value.bias",
          "decoder.mid_block.attentions.0.to_out.0.weight",
              "decoder.mid_block.attentions.0.proj_attn.weight",
          "decoder.mid_block.attentions.0.to_out.0.bias",
              "decoder.mid_block.attentions.0.proj_attn.bias");

  private static final double EPS = 1e-6;

  private final VaeConfig config;
  private final ConvLayer postQuant;
  private final ConvLayer convIn;
  private final ResnetBlock mid1;
  private final NormLayer attnNorm;
  private final LinearLayer q;
  private final LinearLayer k;
  private final LinearLayer v;
  private final LinearLayer out;
  private final ResnetBlock mid2;
  private final List<List<ResnetBlock>> upResnets = new ArrayList<>();
  private final List<ConvLayer> upsamplers = new ArrayList<>();
  private final NormLayer normOut;
  private final ConvLayer convOut;

  public VaeDecoder(VaeConfig cfg, TensorSource w) {
    this.config = cfg;
    int[] ch = cfg.blockOutChannels();
    int n = ch.length;
    int g = cfg.normGroups();
    int top = ch[n - 1];
    postQuant = ConvLayer.load1x1(w, "post_quant_conv", cfg.latentChannels(), cfg.latentChannels());
    convIn = ConvLayer.load3x3(w, "decoder.conv_in", cfg.latentChannels(), top);
    mid1 = new ResnetBlock(w, "decoder.mid_block.resnets.0", top, top, 0, g, EPS, 1.0);
    String a = "decoder.mid_block.attentions.0";
    if (cfg.midAttention()) {
      attnNorm = NormLayer.group(w, a + ".group_norm", top, g, EPS);
      q = LinearLayer.load(w, a + ".to_q", top, top, true);
      k = LinearLayer.load(w, a + ".to_k", top, top, true);
      v = LinearLayer.load(w, a + ".to_v", top, top, true);
      out = LinearLayer.load(w, a + ".to_out.0", top, top, true);
    } else {
      attnNorm = null;
      q = k = v = out = null;
    }
    mid2 = new ResnetBlock(w, "decoder.mid_block.resnets.1", top, top, 0, g, EPS, 1.0);
    int prev = top;
    for (int i = 0; i < n; i++) {
      int outCh = ch[n - 1 - i];
      List<ResnetBlock> resnets = new ArrayList<>();
      for (int j = 0; j <= cfg.layersPerBlock(); j++) {
        resnets.add(
            new ResnetBlock(
                w,
                "decoder.up_blocks." + i + ".resnets." + j,
                j == 0 ? prev : outCh,
                outCh,
                0,
                g,
                EPS,
                1.0));
      }
      upResnets.add(resnets);
      upsamplers.add(
          i < n - 1
              ? ConvLayer.load3x3(w, "decoder.up_blocks." + i + ".upsamplers.0.conv", outCh, outCh)
              : null);
      prev = outCh;
    }
    normOut = NormLayer.group(w, "decoder.conv_norm_out", ch[0], g, EPS);
    convOut = ConvLayer.load3x3(w, "decoder.conv_out", ch[0], cfg.outChannels());
  }

  public VaeConfig config() {
    return config;
  }

  /**
   * Decodes latents as the denoiser left them (the scaling factor is undone here): [B, 3, 8h, 8w]
   * in about [-1, 1].
   */
  public NDArray decode(NDArray latents) {
    NDArray z = postQuant.apply(latents.div((float) config.scalingFactor()));
    NDArray h = convIn.apply(z);
    h = mid1.apply(h, null);
    if (attnNorm != null) {
      h = midAttention(h);
    }
    h = mid2.apply(h, null);
    for (int i = 0; i < upResnets.size(); i++) {
      for (ResnetBlock r : upResnets.get(i)) {
        h = r.apply(h, null);
      }
      if (upsamplers.get(i) != null) {
        h = upsamplers.get(i).apply(Ops.upsampleNearest2x(h));
      }
    }
    return convOut.apply(Ops.silu(normOut.apply(h)));
  }

  private NDArray midAttention(NDArray x) {
    return Scopes.scoped(() -> attention(x));
  }

  private NDArray attention(NDArray x) {
    Shape s = x.getShape();
    long b = s.get(0);
    long c = s.get(1);
    long n = s.get(2) * s.get(3);
    NDArray h = attnNorm.apply(x).reshape(b, c, n).transpose(0, 2, 1);
    NDArray qs = q.apply(h);
    NDArray ks = k.apply(h);
    NDArray vs = v.apply(h);
    NDArray p = qs.matMul(ks.transpose(0, 2, 1)).muli((float) (1.0 / Math.sqrt(c))).softmax(-1);
    NDArray o = out.apply(p.matMul(vs));
    return o.transpose(0, 2, 1).reshape(s).add(x);
  }
}
