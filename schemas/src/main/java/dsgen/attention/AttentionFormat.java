package dsgen.attention;

import java.util.Set;

/** Format versions of the attention file and constants every reader and writer shares. */
public final class AttentionFormat {
  /** Every tensor stored as it is (F32, F16 or BF16). */
  public static final String V1 = "dsgen-attention/1";

  /** Self-attention maps in the compact encoding, every other tensor as in version 1. */
  public static final String V2 = "dsgen-attention/2";

  /** The versions this reader understands. */
  public static final Set<String> READABLE = Set.of(V1, V2);

  /** {@code GenerationParams.attentionEncoding}: every tensor as it is, format {@value #V1}. */
  public static final String LOSSLESS = "lossless";

  /** {@code GenerationParams.attentionEncoding}: {@link CompactEncoding#DEFAULT}, {@value #V2}. */
  public static final String COMPACT = "compact";

  /**
   * The file format of an attention encoding ({@value #LOSSLESS} or {@value #COMPACT}).
   *
   * @throws IllegalArgumentException for any other value
   */
  public static String ofEncoding(String attentionEncoding) {
    return switch (attentionEncoding) {
      case LOSSLESS -> V1;
      case COMPACT -> V2;
      default ->
          throw new IllegalArgumentException(
              "attention encoding must be lossless or compact, got '" + attentionEncoding + "'");
    };
  }

  /** Text length of the cross-attention key axis (77 for CLIP). */
  public static final int TEXT_LENGTH = 77;

  private AttentionFormat() {}
}
