package dsgen.masks.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dsgen.masks.MaskResult;
import dsgen.masks.io.Npy;

/**
 * The checks of {@code compare_masks.py} (fixtures/masks/README.md): soft maps within an absolute
 * tolerance, label maps differing on at most a fraction of the pixels.
 */
public final class MaskComparison {
  /** README: soft maps within 1e-4 absolute. */
  public static final double SOFT_TOLERANCE = 1e-4;

  /** README: at most 0.01 % of the pixels may carry another label. */
  public static final double LABEL_TOLERANCE = 1e-4;

  private MaskComparison() {}

  /** Largest absolute difference; fails on shape mismatch or NaN/Inf. */
  public static double maxSoftDifference(MaskResult result, Npy.Array expected, String what) {
    assertArrayEquals(
        expected.shape(),
        new int[] {result.classes(), result.height(), result.width()},
        what + ": soft map shape");
    int n = result.width() * result.height();
    double worst = 0;
    for (int c = 0; c < result.classes(); c++) {
      for (int i = 0; i < n; i++) {
        float v = result.soft()[c][i];
        assertTrue(Float.isFinite(v), what + ": soft map holds " + v);
        worst = Math.max(worst, Math.abs((double) v - expected.data()[c * n + i]));
      }
    }
    return worst;
  }

  public static void assertSoftWithin(
      MaskResult result, Npy.Array expected, double tolerance, String what) {
    double d = maxSoftDifference(result, expected, what);
    assertTrue(d <= tolerance, what + ": soft max |diff| " + d + " > " + tolerance);
  }

  /** Fraction of pixels whose label differs. */
  public static double labelMismatch(
      byte[] labels, int width, int height, FixtureCase.LabelMap expected, String what) {
    assertEquals(expected.width(), width, what + ": label map width");
    assertEquals(expected.height(), height, what + ": label map height");
    int bad = 0;
    for (int i = 0; i < labels.length; i++) {
      if ((labels[i] & 0xFF) != expected.values()[i]) {
        bad++;
      }
    }
    return bad / (double) labels.length;
  }

  public static void assertLabelsWithin(
      byte[] labels,
      int width,
      int height,
      FixtureCase.LabelMap expected,
      double tolerance,
      String what) {
    double f = labelMismatch(labels, width, height, expected, what);
    assertTrue(
        f <= tolerance,
        what + ": " + (100 * f) + " % of the pixels differ (limit " + (100 * tolerance) + " %)");
  }
}
