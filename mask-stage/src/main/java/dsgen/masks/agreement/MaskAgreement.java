package dsgen.masks.agreement;

import dsgen.masks.MaskMethods;
import dsgen.masks.MaskResult;
import dsgen.masks.image.RgbImage;
import dsgen.masks.io.AttentionFile;
import dsgen.recipe.Recipe;
import dsgen.recipe.Recipes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How far masks computed from a re-encoded attention file agree with the masks of the original: the
 * share of pixels whose label (0 background, a class, 255 ignore: every value counts as a label) is
 * the same, per method with its default recipe. The measure of the compact encoding (tests and
 * {@code ./dsgen bench payload}).
 */
public final class MaskAgreement {
  private MaskAgreement() {}

  /** Share of pixels with the same label, in [0, 1]. */
  public static double agreement(MaskResult a, MaskResult b) {
    if (a.width() != b.width() || a.height() != b.height()) {
      throw new IllegalArgumentException(
          "masks of different sizes: "
              + a.width()
              + "x"
              + a.height()
              + " and "
              + b.width()
              + "x"
              + b.height());
    }
    byte[] x = a.labels();
    byte[] y = b.labels();
    long same = 0;
    for (int i = 0; i < x.length; i++) {
      if (x[i] == y[i]) {
        same++;
      }
    }
    return (double) same / x.length;
  }

  /**
   * The masks of every method in {@code methods}, each with its default recipe for the file's R.
   */
  public static Map<String, MaskResult> masks(
      AttentionFile attention, RgbImage image, List<String> methods) {
    Map<String, MaskResult> out = new LinkedHashMap<>();
    int top = attention.topResolution();
    for (String m : methods) {
      Recipe recipe = Recipes.defaults(m, top);
      out.put(m, MaskMethods.forName(m).compute(attention, image, recipe));
    }
    return out;
  }

  /** Per method, the agreement of the masks of {@code other} with {@code reference}'s. */
  public static Map<String, Double> perMethod(
      Map<String, MaskResult> reference, AttentionFile other, RgbImage image) {
    Map<String, MaskResult> masks = masks(other, image, List.copyOf(reference.keySet()));
    Map<String, Double> out = new LinkedHashMap<>();
    reference.forEach((m, r) -> out.put(m, agreement(r, masks.get(m))));
    return out;
  }
}
