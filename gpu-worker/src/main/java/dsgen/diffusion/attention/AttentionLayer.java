package dsgen.diffusion.attention;

/**
 * One attention module of the UNet ({@code ...transformer_blocks.k.attn1} = self, {@code attn2} =
 * cross), known when the UNet is built. {@code order} is its position in execution order among all
 * attention modules; {@code level} is the UNet level whose feature map it sees (0 = full latent
 * resolution), so its map is {@code latent >> level} pixels on a side.
 */
public record AttentionLayer(
    String name, int order, boolean cross, Part part, int level, int heads, int headDim) {

  /**
   * Where in the UNet the layer sits; down blocks run first, then the mid block, then the up
   * blocks.
   */
  public enum Part {
    DOWN,
    MID,
    UP
  }

  /** Side of this layer's square attention map for a latent of side {@code latentSide}. */
  public int resolution(int latentSide) {
    return latentSide >> level;
  }
}
