package dsgen.diffusion.vae;

import dsgen.diffusion.io.JsonConfig;
import java.util.List;

/** The decoder half of a diffusers {@code AutoencoderKL} configuration. */
public record VaeConfig(
    int latentChannels,
    int outChannels,
    int[] blockOutChannels,
    int layersPerBlock,
    int normGroups,
    double scalingFactor,
    boolean midAttention) {

  public static VaeConfig from(JsonConfig c) {
    int[] channels = c.integers("block_out_channels");
    List<String> up = c.strings("up_block_types");
    if (up.size() != channels.length) {
      throw c.error(
          "up_block_types",
          "expected "
              + channels.length
              + " entries (one per block_out_channels), found "
              + up.size());
    }
    for (String t : up) {
      if (!t.equals("UpDecoderBlock2D")) {
        throw c.error(
            "up_block_types", "unsupported block type '" + t + "' (supported: UpDecoderBlock2D)");
      }
    }
    String act = c.string("act_fn", "silu");
    if (!act.equals("silu")) {
      throw c.error("act_fn", "unsupported value '" + act + "' (supported: silu)");
    }
    return new VaeConfig(
        c.integer("latent_channels", 4),
        c.integer("out_channels", 3),
        channels,
        c.integer("layers_per_block", 1),
        c.integer("norm_num_groups", 32),
        c.number("scaling_factor", 0.18215),
        c.bool("mid_block_add_attention", true));
  }
}
