package dsgen.masks;

import dsgen.masks.image.RgbImage;
import dsgen.masks.io.AttentionFile;
import dsgen.recipe.Recipe;

/**
 * A mask method: attention file + image + resolved recipe → one soft map per class (metadata order)
 * and a label map at the image size. Implementations are stateless and safe to share between
 * threads; {@link MaskMethods} maps recipe method names to them.
 */
public interface MaskMethod {
  /**
   * @throws dsgen.masks.io.AttentionFileException when the file lacks a tensor the recipe needs or
   *     holds bad values
   * @throws IllegalArgumentException when the image does not fit the attention (not square, side
   *     not a multiple of R)
   */
  MaskResult compute(AttentionFile attention, RgbImage image, Recipe recipe);
}
