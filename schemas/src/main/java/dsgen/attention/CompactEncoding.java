package dsgen.attention;

import java.util.Optional;

/**
 * Which tensor of a {@value AttentionFormat#V2} file gets which {@link TensorEncoding}: the one
 * place the compact encoding's choices live (the worker, {@code ./dsgen attention pack} and the
 * payload benchmark call it).
 *
 * <ul>
 *   <li>self-attention maps with at least {@code minTopkKeys} keys (the 4096² maps at SD2 scale):
 *       the k largest entries of each row + the means of its b×b key blocks ({@code topk-blocks}),
 *       when {@code k > 0};
 *   <li>other self-attention maps with at least {@code minQ8Keys} keys: 8 bits per row;
 *   <li>cross-attention maps (ca_mean, ca_maxnorm, ca_layers, cpa_mean): 8 bits per token column,
 *       when {@code crossQ8};
 *   <li>everything else (the small self-attention maps, ovam, pcc_features): dense float16.
 * </ul>
 *
 * The thresholds follow from measurement (docs/algorithms.md, "The compact encoding"): Dataset
 * Diffusion raises a self-attention map at R/2 to the power τ = 4, which magnifies the top-k/block
 * error, so only the maps at 64² = 4096 keys get top-k blocks; maps below 1024 keys are a few
 * hundred KiB as float16.
 *
 * @param k top-k entries kept per row of the largest self-attention maps; 0 = 8 bits per row
 * @param block side of the pooled key blocks
 * @param minTopkKeys self-attention maps with at least this many keys get top-k blocks
 * @param minQ8Keys other self-attention maps with at least this many keys get 8 bits per row
 * @param crossQ8 whether cross-attention maps get 8 bits per token column (else float16)
 */
public record CompactEncoding(int k, int block, int minTopkKeys, int minQ8Keys, boolean crossQ8) {
  /** The encoding of {@value AttentionFormat#V2} files ({@code attentionEncoding = compact}). */
  public static final CompactEncoding DEFAULT = new CompactEncoding(4, 4, 4096, 1024, true);

  public CompactEncoding {
    if (k < 0 || (k > 0 && block <= 0)) {
      throw new IllegalArgumentException(
          "compact encoding: k ≥ 0 and block > 0, got k " + k + ", block " + block);
    }
  }

  /** {@link #DEFAULT} with another top-k and block size (the benchmark's options). */
  public CompactEncoding withTopk(int newK, int newBlock) {
    return new CompactEncoding(newK, newBlock, minTopkKeys, minQ8Keys, crossQ8);
  }

  /**
   * The encoding of a tensor of shape {@code shape}, or empty when it is stored dense (float16).
   */
  public Optional<TensorEncoding> plan(String name, int[] shape) {
    Optional<TensorName> parsed = TensorName.tryParse(name);
    if (parsed.isEmpty()) {
      return Optional.empty();
    }
    TensorFamily family = parsed.get().family();
    int r = parsed.get().resolution();
    if (family.selfAttention()) {
      int side = TensorEncoding.side(shape);
      if (k > 0 && side == r && shape[1] >= minTopkKeys && r % block == 0 && k < shape[1]) {
        return Optional.of(TensorEncoding.topkBlocks(shape, k, block));
      }
      return shape.length == 2 && shape[1] >= minQ8Keys
          ? Optional.of(TensorEncoding.q8Rows(shape))
          : Optional.empty();
    }
    if (crossQ8 && family.crossAttention() && shape.length >= 2) {
      return Optional.of(TensorEncoding.q8Columns(shape));
    }
    return Optional.empty();
  }

  /** A short description: {@code top-4 + 4×4 blocks}, or {@code 8-bit rows}. */
  public String describe() {
    return (k > 0 ? "top-" + k + " + " + block + "×" + block + " blocks" : "8-bit rows")
        + (crossQ8 ? "" : ", cross-attention float16");
  }
}
