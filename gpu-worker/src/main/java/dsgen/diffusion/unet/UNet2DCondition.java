package dsgen.diffusion.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dsgen.diffusion.attention.AttentionLayer;
import dsgen.diffusion.attention.AttentionProcessor;
import dsgen.diffusion.nn.ConvLayer;
import dsgen.diffusion.nn.NormLayer;
import dsgen.diffusion.nn.Ops;
import dsgen.diffusion.nn.TensorSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

/**
 * The conditional denoising UNet of Stable Diffusion 1.x/2.x, built from its {@link UNetConfig}:
 * conv_in, down blocks (resnets, optional transformers, downsampler), mid block (resnet,
 * transformer, resnet), up blocks (resnets on [h, skip] concatenations, optional transformers,
 * upsampler), GN → SiLU → conv_out.
 */
public final class UNet2DCondition {
  private record Level(
      List<ResnetBlock> resnets, List<Transformer2D> transformers, ConvLayer resample) {}

  private final UNetConfig config;
  private final TimestepEmbedding time;
  private final ConvLayer convIn;
  private final List<Level> down = new ArrayList<>();
  private final ResnetBlock midResnet1;
  private final Transformer2D midTransformer;
  private final ResnetBlock midResnet2;
  private final List<Level> up = new ArrayList<>();
  private final NormLayer normOut;
  private final ConvLayer convOut;
  private final List<AttentionLayer> attentionLayers = new ArrayList<>();

  public UNet2DCondition(UNetConfig cfg, TensorSource w) {
    this.config = cfg;
    int[] ch = cfg.blockOutChannels();
    int n = cfg.levels();
    int groups = cfg.normGroups();
    double eps = cfg.normEps();
    int temb = cfg.timeEmbedDim();
    int[] counter = {0};
    java.util.function.IntSupplier order = () -> counter[0]++;
    time = new TimestepEmbedding(w, cfg);
    convIn = ConvLayer.load3x3(w, "conv_in", cfg.inChannels(), ch[0]);

    for (int i = 0; i < n; i++) {
      String p = "down_blocks." + i;
      int in = i == 0 ? ch[0] : ch[i - 1];
      boolean attn = cfg.downBlockTypes().get(i).equals(UNetConfig.CROSS_DOWN);
      List<ResnetBlock> resnets = new ArrayList<>();
      List<Transformer2D> transformers = new ArrayList<>();
      for (int j = 0; j < cfg.layersPerBlock(); j++) {
        resnets.add(
            new ResnetBlock(
                w, p + ".resnets." + j, j == 0 ? in : ch[i], ch[i], temb, groups, eps, 1.0));
        if (attn) {
          transformers.add(
              new Transformer2D(
                  w,
                  p + ".attentions." + j,
                  ch[i],
                  cfg.heads()[i],
                  cfg.transformerLayers()[i],
                  cfg,
                  AttentionLayer.Part.DOWN,
                  i,
                  order));
        }
      }
      ConvLayer downsample =
          i < n - 1
              ? ConvLayer.load(
                  w, p + ".downsamplers.0.conv", ch[i], ch[i], 3, 2, cfg.downsamplePadding())
              : null;
      down.add(new Level(resnets, transformers, downsample));
    }

    int last = ch[n - 1];
    midResnet1 =
        new ResnetBlock(
            w, "mid_block.resnets.0", last, last, temb, groups, eps, cfg.midBlockScaleFactor());
    midTransformer =
        new Transformer2D(
            w,
            "mid_block.attentions.0",
            last,
            cfg.heads()[n - 1],
            cfg.transformerLayers()[n - 1],
            cfg,
            AttentionLayer.Part.MID,
            n - 1,
            order);
    midResnet2 =
        new ResnetBlock(
            w, "mid_block.resnets.1", last, last, temb, groups, eps, cfg.midBlockScaleFactor());

    for (int i = 0; i < n; i++) {
      String p = "up_blocks." + i;
      int level = n - 1 - i;
      int out = ch[level];
      int prevOut = i == 0 ? ch[n - 1] : ch[n - i];
      int input = ch[Math.max(level - 1, 0)];
      boolean attn = cfg.upBlockTypes().get(i).equals(UNetConfig.CROSS_UP);
      List<ResnetBlock> resnets = new ArrayList<>();
      List<Transformer2D> transformers = new ArrayList<>();
      for (int j = 0; j <= cfg.layersPerBlock(); j++) {
        int skip = j == cfg.layersPerBlock() ? input : out;
        int resIn = (j == 0 ? prevOut : out) + skip;
        resnets.add(new ResnetBlock(w, p + ".resnets." + j, resIn, out, temb, groups, eps, 1.0));
        if (attn) {
          transformers.add(
              new Transformer2D(
                  w,
                  p + ".attentions." + j,
                  out,
                  cfg.heads()[level],
                  cfg.transformerLayers()[level],
                  cfg,
                  AttentionLayer.Part.UP,
                  level,
                  order));
        }
      }
      ConvLayer upsample =
          i < n - 1 ? ConvLayer.load3x3(w, p + ".upsamplers.0.conv", out, out) : null;
      up.add(new Level(resnets, transformers, upsample));
    }
    normOut = NormLayer.group(w, "conv_norm_out", ch[0], groups, eps);
    convOut = ConvLayer.load3x3(w, "conv_out", ch[0], cfg.outChannels());

    for (Level l : down) {
      l.transformers().forEach(t -> attentionLayers.addAll(t.layers()));
    }
    attentionLayers.addAll(midTransformer.layers());
    for (Level l : up) {
      l.transformers().forEach(t -> attentionLayers.addAll(t.layers()));
    }
  }

  public UNetConfig config() {
    return config;
  }

  /** Every attention module in execution order. */
  public List<AttentionLayer> attentionLayers() {
    return Collections.unmodifiableList(attentionLayers);
  }

  /**
   * Side of the smallest feature map relative to the latent: the latent must be a multiple of this.
   */
  public int downscale() {
    return 1 << (config.levels() - 1);
  }

  /**
   * The model output (noise or v prediction) for latents [B, C, h, w] at timestep {@code t} with
   * text states {@code context} [B, 77, cross_attention_dim]; every attention module goes through
   * {@code processor}.
   */
  public NDArray forward(NDArray latents, float t, NDArray context, AttentionProcessor processor) {
    int batch = (int) latents.getShape().get(0);
    DataType dtype = latents.getDataType();
    NDArray x = config.centerInputSample() ? latents.mul(2).sub(1) : latents;
    NDArray temb = Ops.silu(time.apply(latents.getManager(), t, batch, dtype));
    NDArray h = convIn.apply(x);
    Deque<NDArray> skips = new ArrayDeque<>();
    skips.push(h);
    for (Level l : down) {
      for (int j = 0; j < l.resnets().size(); j++) {
        h = l.resnets().get(j).apply(h, temb);
        if (!l.transformers().isEmpty()) {
          h = l.transformers().get(j).apply(h, context, processor);
        }
        skips.push(h);
      }
      if (l.resample() != null) {
        h = l.resample().apply(h);
        skips.push(h);
      }
    }
    h = midResnet1.apply(h, temb);
    h = midTransformer.apply(h, context, processor);
    h = midResnet2.apply(h, temb);
    for (Level l : up) {
      for (int j = 0; j < l.resnets().size(); j++) {
        h = l.resnets().get(j).apply(Ops.concatChannels(h, skips.pop()), temb);
        if (!l.transformers().isEmpty()) {
          h = l.transformers().get(j).apply(h, context, processor);
        }
      }
      if (l.resample() != null) {
        h = l.resample().apply(Ops.upsampleNearest2x(h));
      }
    }
    return convOut.apply(Ops.silu(normOut.apply(h)));
  }
}
