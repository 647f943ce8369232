package dsgen.maskstage.pair;

/**
 * Why the mask stage gave up on a generation for a recipe. The code becomes the dead letter's
 * {@code errorClass} and the {@code reason} label of the dead-letter metric, so it stays a small
 * fixed set.
 */
public enum FailureKind {
  /** The recipe reads a tensor the worker's capture profile did not produce. */
  MISSING_TENSOR("missing-tensor"),
  /** An object's bytes do not match the size or sha256 of its reference. */
  CHECKSUM_MISMATCH("checksum-mismatch"),
  /** An object the generation points at does not exist. */
  MISSING_OBJECT("missing-object"),
  /** The attention file is not a readable dsgen-attention/1 safetensors file. */
  UNDECODABLE_ATTENTION("undecodable-attention"),
  /** image.png is not a decodable RGB image. */
  UNDECODABLE_IMAGE("undecodable-image"),
  /** A soft map came out NaN or infinite (e.g. NaN in the attention tensors). */
  NAN_IN_MASK("nan-in-mask"),
  /**
   * The mask method rejected its inputs (e.g. image size not a multiple of the attention
   * resolution).
   */
  MASK_FAILED("mask-failed"),
  /** The recipe cannot be read or resolved (unknown method or parameter, bad canonical JSON). */
  INVALID_RECIPE("invalid-recipe"),
  /** The generation names a job that is not on dsgen.jobs. */
  UNKNOWN_JOB("unknown-job"),
  /** The generation's job record cannot be decoded (e.g. written with a newer schema). */
  UNDECODABLE_JOB("undecodable-job"),
  /** The dataset name or an id cannot become an object key. */
  INVALID_ID("invalid-id"),
  /** The record's bytes cannot be decoded into its Avro type. */
  UNDECODABLE_RECORD("undecodable-record");

  private final String code;

  FailureKind(String code) {
    this.code = code;
  }

  /** Stable kebab-case code used in dead letters and metrics. */
  public String code() {
    return code;
  }
}
