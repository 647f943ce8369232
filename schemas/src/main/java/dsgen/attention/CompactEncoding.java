package dsgen.attention;

import java.util.Optional;

/**
 * Which tensor of a {@value AttentionFormat#V2} file gets which {@link TensorEncoding}: the one
 * place the compact encoding's choices live (the worker, {@code ./dsgen attention pack} and the
 * payload benchmark call it).
 *
 * <ul>
 *   <li>self-attention maps at the top resolution R (the 4096² maps at SD2 scale): top-k entries +
 *       b×b key-block means ({@code topk-blocks}), when {@code k > 0};
 *   <li>other self-attention maps with at least {@value #MIN_Q8_ROW} keys, and the top ones when
 *       {@code k = 0}: 8 bits per row;
 *   <li>cross-attention maps (ca_mean, ca_maxnorm, ca_layers, cpa_mean): 8 bits per token column;
 *   <li>everything else (the smallest self-attention maps, ovam, pcc_features): dense float16.
 * </ul>
 *
 * @param k top-k entries kept per row of a top-resolution self-attention map; 0 = 8 bits per row
 * @param block side of the pooled key blocks
 */
public record CompactEncoding(int k, int block) {
  /** The encoding of {@value AttentionFormat#V2} files ({@code attentionEncoding = compact}). */
  public static final CompactEncoding DEFAULT = new CompactEncoding(4, 4);

  /** Self-attention maps with fewer keys than this stay float16 (they are a few KiB). */
  public static final int MIN_Q8_ROW = 256;

  public CompactEncoding {
    if (k < 0 || (k > 0 && block <= 0)) {
      throw new IllegalArgumentException("compact encoding: k ≥ 0 and block > 0, got " + k);
    }
  }

  /** A self-attention map as 8 bits per row everywhere (the no-top-k option of the benchmark). */
  public static CompactEncoding q8Only() {
    return new CompactEncoding(0, 0);
  }

  /**
   * The encoding of a tensor of shape {@code shape} in a file of top resolution {@code top}, or
   * empty when it is stored dense (float16).
   */
  public Optional<TensorEncoding> plan(String name, int[] shape, int top) {
    Optional<TensorName> parsed = TensorName.tryParse(name);
    if (parsed.isEmpty()) {
      return Optional.empty();
    }
    TensorFamily family = parsed.get().family();
    int r = parsed.get().resolution();
    if (family.selfAttention()) {
      int side = TensorEncoding.side(shape);
      if (k > 0 && r == top && side == r && r % block == 0 && k < shape[1]) {
        return Optional.of(TensorEncoding.topkBlocks(shape, k, block));
      }
      return shape.length == 2 && shape[1] >= MIN_Q8_ROW
          ? Optional.of(TensorEncoding.q8Rows(shape))
          : Optional.empty();
    }
    if (family.crossAttention() && shape.length >= 2) {
      return Optional.of(TensorEncoding.q8Columns(shape));
    }
    return Optional.empty();
  }

  /** A short description: {@code top-4 + 4×4 blocks}, or {@code 8-bit rows}. */
  public String describe() {
    return k > 0 ? "top-" + k + " + " + block + "×" + block + " blocks" : "8-bit rows";
  }
}
