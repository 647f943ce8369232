package dsgen.masks;

import dsgen.masks.image.RgbImage;
import dsgen.masks.io.AttentionFile;

/**
 * The output size of a mask: the image side, which must be square and a multiple of the top
 * resolution R (docs/algorithms.md#geometry).
 */
public final class MaskGeometry {
  private MaskGeometry() {}

  /** The image side, checked against the attention file. */
  public static int side(AttentionFile attention, RgbImage image) {
    int r = attention.topResolution();
    if (image.width() != image.height()) {
      throw new IllegalArgumentException(
          "image is "
              + image.width()
              + "x"
              + image.height()
              + "; the mask methods need a square image");
    }
    if (image.width() % r != 0) {
      throw new IllegalArgumentException(
          "image side "
              + image.width()
              + " is not a multiple of the top attention resolution "
              + r);
    }
    return image.width();
  }

  /** Label ids of the file's classes, in metadata order. */
  public static int[] labels(AttentionFile attention) {
    return attention.metadata().classes().stream().mapToInt(c -> c.label()).toArray();
  }

  /** float64 → float32 copy (the stored soft map). */
  public static float[] toFloat(double[] x) {
    float[] out = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = (float) x[i];
    }
    return out;
  }
}
