package dsgen.recipe;

import java.util.ArrayList;
import java.util.List;

/**
 * Attention resolutions of a Stable Diffusion UNet with top resolution R: R/8 (mid block), R/4,
 * R/2, R.
 */
public final class Resolutions {
  private Resolutions() {}

  /** Ascending list of the resolutions a model of top resolution R has attention at. */
  public static List<Integer> available(int topResolution) {
    if (topResolution < 8 || topResolution % 8 != 0) {
      throw new IllegalArgumentException(
          "top attention resolution "
              + topResolution
              + " must be a positive multiple of 8 (image side / 8 for Stable Diffusion)");
    }
    List<Integer> out = new ArrayList<>();
    for (int r = topResolution / 8; r <= topResolution; r *= 2) {
      out.add(r);
    }
    return List.copyOf(out);
  }
}
