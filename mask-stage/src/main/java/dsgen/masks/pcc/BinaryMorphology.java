package dsgen.masks.pcc;

/**
 * Binary erosion and dilation with a 3×3 square applied {@code iterations} times, with OpenCV's
 * default borders (outside counts as set for erosion and as unset for dilation, so the border
 * neither erodes nor grows a mask).
 *
 * <p>n iterations of the 3×3 square equal one pass of the (2n+1)² square clipped to the image (the
 * image is a rectangle, so every in-image pixel within Chebyshev distance n is reachable through
 * in-image steps), and the square is separable: a row pass then a column pass, each a sliding
 * window counted with prefix sums.
 */
public final class BinaryMorphology {
  private BinaryMorphology() {}

  public static boolean[] erode(boolean[] mask, int width, int height, int iterations) {
    return window(mask, width, height, iterations, true);
  }

  public static boolean[] dilate(boolean[] mask, int width, int height, int iterations) {
    return window(mask, width, height, iterations, false);
  }

  /** erosion: all set in the clipped window; dilation: any set. */
  private static boolean[] window(
      boolean[] mask, int width, int height, int radius, boolean erosion) {
    if (radius <= 0) {
      return mask.clone();
    }
    boolean[] rows = new boolean[mask.length];
    int[] prefix = new int[Math.max(width, height) + 1];
    for (int y = 0; y < height; y++) {
      int base = y * width;
      for (int x = 0; x < width; x++) {
        prefix[x + 1] = prefix[x] + (mask[base + x] ? 1 : 0);
      }
      for (int x = 0; x < width; x++) {
        int lo = Math.max(x - radius, 0);
        int hi = Math.min(x + radius, width - 1);
        int set = prefix[hi + 1] - prefix[lo];
        rows[base + x] = erosion ? set == hi - lo + 1 : set > 0;
      }
    }
    boolean[] out = new boolean[mask.length];
    for (int x = 0; x < width; x++) {
      for (int y = 0; y < height; y++) {
        prefix[y + 1] = prefix[y] + (rows[y * width + x] ? 1 : 0);
      }
      for (int y = 0; y < height; y++) {
        int lo = Math.max(y - radius, 0);
        int hi = Math.min(y + radius, height - 1);
        int set = prefix[hi + 1] - prefix[lo];
        out[y * width + x] = erosion ? set == hi - lo + 1 : set > 0;
      }
    }
    return out;
  }
}
