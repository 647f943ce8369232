package dsgen.attention;

import java.util.Arrays;
import java.util.Optional;

/**
 * The tensor families of the attention file (docs/algorithms.md#attention-file): what each holds,
 * whether it exists once per attention resolution r, and the shape it must have. Rows of every map
 * are query pixels of an r×r grid, so {@code N = r²}.
 */
public enum TensorFamily {
  /** Cross-attention, mean over layers, heads and steps: [N, 77]. */
  CA_MEAN("ca_mean", Kind.CROSS),
  /** Cross-attention max-normalised per token, then averaged: [N, 77]. */
  CA_MAXNORM("ca_maxnorm", Kind.CROSS),
  /** Cross-attention per layer, head sum, mean over steps: [L, N, 77]. */
  CA_LAYERS("ca_layers", Kind.CROSS_LAYERS),
  /** Cross-attention of the class prompt, mean: [N, 77]. */
  CPA_MEAN("cpa_mean", Kind.CROSS),
  /** Self-attention, mean over layers, heads and steps: [N, N]. */
  SA_MEAN("sa_mean", Kind.SELF),
  /** Self-attention max-normalised per map (one global max), then averaged: [N, N]. */
  SA_MAXNORM("sa_maxnorm", Kind.SELF),
  /** Self-attention of the first up-block layer at r, head sum, mean over steps: [N, N]. */
  SA_FIRST("sa_first", Kind.SELF),
  /** Open-vocabulary attention maps of the descriptive prompt, top resolution only: [T_d, R, R]. */
  OVAM("ovam", Kind.OVAM),
  /** Per-head principal-component features of self-attention, top resolution: [R², F]. */
  PCC_FEATURES("pcc_features", Kind.FEATURES);

  /** The shapes a family can have. */
  enum Kind {
    CROSS,
    CROSS_LAYERS,
    SELF,
    OVAM,
    FEATURES
  }

  private final String prefix;
  private final Kind kind;

  TensorFamily(String prefix, Kind kind) {
    this.prefix = prefix;
    this.kind = kind;
  }

  /** The name of the family: {@code sa_maxnorm}; the tensor is {@code sa_maxnorm_64}. */
  public String prefix() {
    return prefix;
  }

  /** Whether the family has one tensor per attention resolution ({@code <prefix>_<r>}). */
  public boolean perResolution() {
    return kind != Kind.FEATURES;
  }

  /** Whether the family exists at the top resolution R only. */
  public boolean topOnly() {
    return kind == Kind.OVAM || kind == Kind.FEATURES;
  }

  /** A square [N, N] self-attention map: the tensors the compact encoding applies to. */
  public boolean selfAttention() {
    return kind == Kind.SELF;
  }

  /** A cross-attention map ([N, 77] or [L, N, 77]: one map per text token). */
  public boolean crossAttention() {
    return kind == Kind.CROSS || kind == Kind.CROSS_LAYERS;
  }

  /** Whether the family is defined only when the request has a class prompt. */
  public boolean needsClassPrompt() {
    return this == CPA_MEAN;
  }

  /** Whether the family is defined only when the request has a descriptive prompt. */
  public boolean needsDescriptivePrompt() {
    return this == OVAM;
  }

  /** The family with this prefix. */
  public static Optional<TensorFamily> ofPrefix(String prefix) {
    return Arrays.stream(values()).filter(f -> f.prefix.equals(prefix)).findFirst();
  }

  /**
   * The shape a tensor of this family at resolution r must have in a file of top resolution R, or
   * empty when {@code shape} has it; otherwise the expected shape, for an error message.
   */
  Optional<String> shapeProblem(int[] shape, int r, int top, int textLength) {
    int n = r * r;
    return switch (kind) {
      case CROSS ->
          expect(shape.length == 2 && shape[0] == n && shape[1] == textLength, dims(n, textLength));
      case CROSS_LAYERS ->
          expect(
              shape.length == 3 && shape[0] > 0 && shape[1] == n && shape[2] == textLength,
              "[L, " + n + ", " + textLength + "]");
      case SELF -> expect(shape.length == 2 && shape[0] == n && shape[1] == n, dims(n, n));
      case OVAM ->
          expect(
              r == top && shape.length == 3 && shape[0] > 0 && shape[1] == r && shape[2] == r,
              "[T_d, " + top + ", " + top + "] at the top resolution " + top);
      case FEATURES -> expect(shape.length == 2 && shape[0] == top * top, "[" + top * top + ", F]");
    };
  }

  private static Optional<String> expect(boolean ok, String expected) {
    return ok ? Optional.empty() : Optional.of(expected);
  }

  private static String dims(int a, int b) {
    return "[" + a + ", " + b + "]";
  }
}
