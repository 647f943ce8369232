package dsgen.diffusion.unet;

import dsgen.diffusion.io.JsonConfig;
import java.util.List;
import java.util.Set;

/**
 * The architecture of a diffusers {@code UNet2DConditionModel} as far as Stable Diffusion 1.x/2.x
 * use it. Heads per level follow diffusers: {@code num_attention_heads} when given, else {@code
 * attention_head_dim} (a naming quirk: it is the number of heads, 8 for SD1, [5,10,20,20] for
 * SD2-base); head dim = channels / heads.
 */
public record UNetConfig(
    int inChannels,
    int outChannels,
    int[] blockOutChannels,
    List<String> downBlockTypes,
    List<String> upBlockTypes,
    int layersPerBlock,
    int[] heads,
    int[] transformerLayers,
    int crossAttentionDim,
    boolean linearProjection,
    int normGroups,
    double normEps,
    boolean flipSinToCos,
    int freqShift,
    int downsamplePadding,
    boolean upcastAttention,
    boolean centerInputSample,
    double midBlockScaleFactor,
    int sampleSize) {

  public static final String CROSS_DOWN = "CrossAttnDownBlock2D";
  public static final String DOWN = "DownBlock2D";
  public static final String CROSS_UP = "CrossAttnUpBlock2D";
  public static final String UP = "UpBlock2D";
  public static final String MID = "UNetMidBlock2DCrossAttn";

  public static UNetConfig from(JsonConfig c) {
    int[] channels = c.integers("block_out_channels");
    int levels = channels.length;
    List<String> down = c.strings("down_block_types");
    List<String> up = c.strings("up_block_types");
    if (down.size() != levels || up.size() != levels) {
      throw c.error(
          "down_block_types",
          "expected "
              + levels
              + " down and up block types (one per "
              + "block_out_channels entry), found "
              + down.size()
              + " and "
              + up.size());
    }
    for (String t : down) {
      requireType(c, "down_block_types", t, Set.of(CROSS_DOWN, DOWN));
    }
    for (String t : up) {
      requireType(c, "up_block_types", t, Set.of(CROSS_UP, UP));
    }
    requireType(c, "mid_block_type", c.string("mid_block_type", MID), Set.of(MID));
    requireValue(c, "act_fn", c.string("act_fn", "silu"), "silu");
    requireValue(
        c, "time_embedding_type", c.string("time_embedding_type", "positional"), "positional");
    requireValue(
        c, "resnet_time_scale_shift", c.string("resnet_time_scale_shift", "default"), "default");
    for (String absent :
        List.of("class_embed_type", "addition_embed_type", "encoder_hid_dim", "num_class_embeds")) {
      if (c.has(absent)) {
        throw c.error(
            absent, "not supported (Stable Diffusion 1.x/2.x text-to-image UNets have none)");
      }
    }
    for (String off : List.of("only_cross_attention", "dual_cross_attention")) {
      if (c.bool(off, false)) {
        throw c.error(off, "true is not supported");
      }
    }
    if (c.integer("layers_per_block", 2) <= 0 || c.node("layers_per_block").isArray()) {
      throw c.error("layers_per_block", "expected one positive integer");
    }
    int[] heads =
        c.has("num_attention_heads")
            ? c.integerPerLevel("num_attention_heads", levels)
            : c.integerPerLevel("attention_head_dim", levels);
    for (int i = 0; i < levels; i++) {
      if (channels[i] % heads[i] != 0) {
        throw c.error(
            "attention_head_dim", heads[i] + " heads do not divide " + channels[i] + " channels");
      }
    }
    int[] transformerLayers =
        c.has("transformer_layers_per_block")
            ? c.integerPerLevel("transformer_layers_per_block", levels)
            : filled(levels, 1);
    return new UNetConfig(
        c.integer("in_channels", 4),
        c.integer("out_channels", 4),
        channels,
        down,
        up,
        c.integer("layers_per_block", 2),
        heads,
        transformerLayers,
        c.integer("cross_attention_dim"),
        c.bool("use_linear_projection", false),
        c.integer("norm_num_groups", 32),
        c.number("norm_eps", 1e-5),
        c.bool("flip_sin_to_cos", true),
        c.integer("freq_shift", 0),
        c.integer("downsample_padding", 1),
        c.bool("upcast_attention", false),
        c.bool("center_input_sample", false),
        c.number("mid_block_scale_factor", 1.0),
        c.integer("sample_size", 64));
  }

  private static void requireType(JsonConfig c, String key, String value, Set<String> supported) {
    if (!supported.contains(value)) {
      throw c.error(
          key,
          "unsupported block type '"
              + value
              + "' (supported: "
              + String.join(", ", supported.stream().sorted().toList())
              + ")");
    }
  }

  private static void requireValue(JsonConfig c, String key, String value, String supported) {
    if (!supported.equals(value)) {
      throw c.error(key, "unsupported value '" + value + "' (supported: " + supported + ")");
    }
  }

  private static int[] filled(int n, int v) {
    int[] a = new int[n];
    java.util.Arrays.fill(a, v);
    return a;
  }

  public int levels() {
    return blockOutChannels.length;
  }

  /** Channels of the time embedding (4 × the first block's channels). */
  public int timeEmbedDim() {
    return blockOutChannels[0] * 4;
  }
}
