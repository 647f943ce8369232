package dsgen.attention;

import java.util.Arrays;
import java.util.Optional;

/** Element types of the lossless tensors of an attention file, as safetensors names them. */
public enum DType {
  F32(4),
  F16(2),
  BF16(2);

  private final int bytes;

  DType(int bytes) {
    this.bytes = bytes;
  }

  public int bytes() {
    return bytes;
  }

  /** The dtype of a safetensors header name. */
  public static Optional<DType> ofSafetensors(String name) {
    return Arrays.stream(values()).filter(d -> d.name().equals(name)).findFirst();
  }

  /**
   * The storage dtype of a {@code GenerationParams.attentionDtype} value (float16 or float32).
   *
   * @throws IllegalArgumentException for any other value
   */
  public static DType ofAttentionDtype(String attentionDtype) {
    return switch (attentionDtype) {
      case "float16" -> F16;
      case "float32" -> F32;
      default ->
          throw new IllegalArgumentException(
              "attention dtype must be float16 or float32, got '" + attentionDtype + "'");
    };
  }
}
