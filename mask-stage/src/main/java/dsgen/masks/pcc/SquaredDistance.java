package dsgen.masks.pcc;

/**
 * Squared Euclidean distance summed in NumPy's pairwise order, so that {@code ((x - c) **
 * 2).sum(axis=1)} of the reference gives bit-identical values. The blocky map must match the
 * reference exactly, and a k-means assignment decided by a last-bit difference between two centres
 * would change the whole clustering.
 *
 * <p>NumPy's {@code pairwise_sum} (umath loops, float64): fewer than 8 terms are summed left to
 * right from 0; up to 128 terms use 8 interleaved accumulators combined as {@code
 * ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7))} plus the remainder added left to right; longer runs are
 * split at {@code n/2} rounded down to a multiple of 8.
 */
final class SquaredDistance {
  private static final int BLOCK = 128;

  private SquaredDistance() {}

  /** Σ (a[aOff+f] − b[bOff+f])² for f in [0, dim), NumPy pairwise order. */
  static double between(double[] a, int aOff, double[] b, int bOff, int dim) {
    if (dim < 8) {
      double res = 0.0;
      for (int f = 0; f < dim; f++) {
        double d = a[aOff + f] - b[bOff + f];
        res += d * d;
      }
      return res;
    }
    if (dim <= BLOCK) {
      return block(a, aOff, b, bOff, dim);
    }
    int half = dim / 2;
    half -= half % 8;
    return between(a, aOff, b, bOff, half) + between(a, aOff + half, b, bOff + half, dim - half);
  }

  private static double block(double[] a, int aOff, double[] b, int bOff, int n) {
    double r0 = sq(a[aOff] - b[bOff]);
    double r1 = sq(a[aOff + 1] - b[bOff + 1]);
    double r2 = sq(a[aOff + 2] - b[bOff + 2]);
    double r3 = sq(a[aOff + 3] - b[bOff + 3]);
    double r4 = sq(a[aOff + 4] - b[bOff + 4]);
    double r5 = sq(a[aOff + 5] - b[bOff + 5]);
    double r6 = sq(a[aOff + 6] - b[bOff + 6]);
    double r7 = sq(a[aOff + 7] - b[bOff + 7]);
    int whole = n - n % 8;
    int i = 8;
    for (; i < whole; i += 8) {
      int p = aOff + i;
      int q = bOff + i;
      r0 += sq(a[p] - b[q]);
      r1 += sq(a[p + 1] - b[q + 1]);
      r2 += sq(a[p + 2] - b[q + 2]);
      r3 += sq(a[p + 3] - b[q + 3]);
      r4 += sq(a[p + 4] - b[q + 4]);
      r5 += sq(a[p + 5] - b[q + 5]);
      r6 += sq(a[p + 6] - b[q + 6]);
      r7 += sq(a[p + 7] - b[q + 7]);
    }
    double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
    for (; i < n; i++) {
      res += sq(a[aOff + i] - b[bOff + i]);
    }
    return res;
  }

  private static double sq(double d) {
    return d * d;
  }
}
