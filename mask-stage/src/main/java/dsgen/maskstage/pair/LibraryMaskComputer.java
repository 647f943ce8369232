package dsgen.maskstage.pair;

import dsgen.masks.MaskMethods;
import dsgen.masks.MaskResult;
import dsgen.masks.image.RgbImage;
import dsgen.masks.io.AttentionFile;
import dsgen.masks.io.AttentionFileException;
import dsgen.recipe.Recipe;
import java.io.UncheckedIOException;
import java.util.Set;

/**
 * {@link MaskComputer} backed by the mask library ({@code dsgen.masks}); maps its errors to failure
 * kinds.
 */
public final class LibraryMaskComputer implements MaskComputer {

  private record Decoded(AttentionFile attention, RgbImage image) implements Inputs {
    @Override
    public Set<String> tensors() {
      return attention.tensorNames();
    }
  }

  @Override
  public Inputs decode(byte[] attention, byte[] image) throws PairFailure {
    AttentionFile file;
    try {
      file = AttentionFile.read(attention);
    } catch (AttentionFileException e) {
      throw new PairFailure(
          FailureKind.UNDECODABLE_ATTENTION, "attention file: " + e.getMessage(), e);
    }
    try {
      return new Decoded(file, RgbImage.decode(image));
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw new PairFailure(FailureKind.UNDECODABLE_IMAGE, "image: " + e.getMessage(), e);
    }
  }

  @Override
  public MaskedImage compute(Inputs inputs, Recipe recipe) throws PairFailure {
    Decoded decoded = (Decoded) inputs;
    MaskResult result;
    try {
      result =
          MaskMethods.forName(recipe.method())
              .compute(decoded.attention(), decoded.image(), recipe);
    } catch (AttentionFileException e) {
      throw new PairFailure(kindOf(e), "recipe " + recipe.recipeId() + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      // a method rejecting its inputs, or a defect in it: either way this generation cannot get
      // this mask,
      // and stopping the stream for it would block every later generation
      throw new PairFailure(
          FailureKind.MASK_FAILED, "recipe " + recipe.recipeId() + " failed: " + e, e);
    }
    RgbImage image = decoded.image();
    return new MaskedImage(
        result.width(), result.height(), result.labels(), result.soft(), image::rgb);
  }

  private static FailureKind kindOf(AttentionFileException e) {
    return switch (e.problem()) {
      case MISSING_TENSOR -> FailureKind.MISSING_TENSOR;
      case NON_FINITE -> FailureKind.NAN_IN_MASK;
      default -> FailureKind.UNDECODABLE_ATTENTION;
    };
  }
}
