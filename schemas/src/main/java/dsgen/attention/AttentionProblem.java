package dsgen.attention;

/** What is wrong with an attention file. */
public enum AttentionProblem {
  /** Not a safetensors file, or its header contradicts itself. */
  MALFORMED,
  /** The metadata {@code format} is not a version this reader understands. */
  UNKNOWN_FORMAT,
  /** A metadata field is missing or cannot be parsed. */
  BAD_METADATA,
  /** A recipe needs a tensor the capture did not include. */
  MISSING_TENSOR,
  /** A tensor's shape does not match its family. */
  BAD_SHAPE,
  /** A tensor dtype or encoding this reader does not know. */
  UNSUPPORTED_DTYPE,
  /** A tensor holds NaN or infinity. */
  NON_FINITE,
  /** A class token index lies outside its text. */
  TOKEN_OUT_OF_RANGE,
  /**
   * A class has no map to locate it by: no tokens in the text the method reads, or a constant map.
   */
  EMPTY_CLASS_MAP
}
