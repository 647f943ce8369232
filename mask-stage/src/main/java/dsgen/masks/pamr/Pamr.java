package dsgen.masks.pamr;

import dsgen.masks.image.RgbImage;

/**
 * Pixel-adaptive mask refinement (Araslanov & Roth 2020, ALGORITHMS.md §5): {@code n} times
 * {@code m ← Σ_k w_k · m_k} over the 8·|D| neighbours with replicate borders, the affinities computed once from the
 * image. A fixed stencil over flat float64 planes; the interior of each row is a straight loop the JIT vectorises.
 */
public final class Pamr {
  private Pamr() {
  }

  /** Refines a mask at the image size (row-major, H·W). */
  public static double[] refine(RgbImage image, double[] mask, PamrParams params) {
    return refine(PamrAffinity.of(image, params), mask, params.iterations());
  }

  /** Refines a mask with precomputed affinities; the input is not modified. */
  public static double[] refine(PamrAffinity affinity, double[] mask, int iterations) {
    int w = affinity.width();
    int h = affinity.height();
    if (mask.length != w * h) {
      throw new IllegalArgumentException("mask of " + mask.length + " pixels for a " + w + "x" + h + " image");
    }
    double[] m = mask.clone();
    double[] next = new double[m.length];
    for (int it = 0; it < iterations; it++) {
      propagate(affinity, m, next, w, h);
      double[] t = m;
      m = next;
      next = t;
    }
    return m;
  }

  /** One step {@code out = Σ_k w_k · shift_k(m)}. */
  static void propagate(PamrAffinity affinity, double[] m, double[] out, int w, int h) {
    int[][] offsets = affinity.offsets();
    double[][] weights = affinity.weights();
    for (int y = 0; y < h; y++) {
      int row = y * w;
      for (int k = 0; k < offsets.length; k++) {
        int src = Math.max(0, Math.min(y + offsets[k][0], h - 1)) * w;
        accumulateRow(weights[k], m, out, row, src, offsets[k][1], w, k == 0);
      }
    }
  }

  /** {@code out[row + x] (+)= wk[row + x] · m[src + clamp(x + dx)]}. */
  private static void accumulateRow(double[] wk, double[] m, double[] out, int row, int src, int dx, int w,
                                    boolean first) {
    int lo = Math.min(w, Math.max(0, -dx));
    int hi = Math.max(lo, Math.min(w, w - dx));
    double left = m[src];
    double right = m[src + w - 1];
    if (first) {
      for (int x = 0; x < lo; x++) {
        out[row + x] = wk[row + x] * left;
      }
      for (int x = lo; x < hi; x++) {
        out[row + x] = wk[row + x] * m[src + dx + x];
      }
      for (int x = hi; x < w; x++) {
        out[row + x] = wk[row + x] * right;
      }
    } else {
      for (int x = 0; x < lo; x++) {
        out[row + x] += wk[row + x] * left;
      }
      for (int x = lo; x < hi; x++) {
        out[row + x] += wk[row + x] * m[src + dx + x];
      }
      for (int x = hi; x < w; x++) {
        out[row + x] += wk[row + x] * right;
      }
    }
  }
}
