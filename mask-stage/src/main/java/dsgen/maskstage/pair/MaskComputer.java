package dsgen.maskstage.pair;

import dsgen.recipe.Recipe;
import java.util.Set;

/**
 * Decodes a generation's attention file and image and runs a recipe on them. Behind an interface so
 * the stream processor depends on what it needs, not on the mask library's types.
 */
public interface MaskComputer {

  /** The decoded inputs of one generation, reused by every recipe of that generation. */
  interface Inputs {
    /** Names of the tensors the attention file holds. */
    Set<String> tensors();
  }

  /**
   * @throws PairFailure {@link FailureKind#UNDECODABLE_ATTENTION} or {@link
   *     FailureKind#UNDECODABLE_IMAGE}
   */
  Inputs decode(byte[] attention, byte[] image) throws PairFailure;

  /**
   * @throws PairFailure {@link FailureKind#MISSING_TENSOR}, {@link FailureKind#MASK_FAILED}
   */
  MaskedImage compute(Inputs inputs, Recipe recipe) throws PairFailure;
}
