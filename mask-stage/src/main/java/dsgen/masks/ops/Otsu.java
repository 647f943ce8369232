package dsgen.masks.ops;

/**
 * Otsu's threshold exactly as OpenCV's THRESH_OTSU computes it on an integer image
 * (docs/algorithms.md#otsu).
 */
public final class Otsu {
  private static final double FLT_EPSILON = 1.1920928955078125e-07;

  private Otsu() {}

  /**
   * The threshold T of non-negative integer values; the binary image is {@code q > T}. Ties keep
   * the lowest T.
   */
  public static int threshold(int[] q) {
    int max = 0;
    for (int v : q) {
      if (v < 0) {
        throw new IllegalArgumentException("Otsu needs non-negative values, got " + v);
      }
      max = Math.max(max, v);
    }
    long[] hist = new long[max + 1];
    for (int v : q) {
      hist[v]++;
    }
    double scale = 1.0 / q.length;
    double mu = 0;
    for (int i = 0; i < hist.length; i++) {
      mu += i * (double) hist[i];
    }
    mu *= scale;
    double mu1 = 0;
    double q1 = 0;
    double maxSigma = 0;
    int threshold = 0;
    for (int i = 0; i < hist.length; i++) {
      double p = hist[i] * scale;
      mu1 *= q1;
      q1 += p;
      double q2 = 1.0 - q1;
      if (Math.min(q1, q2) < FLT_EPSILON || Math.max(q1, q2) > 1.0 - FLT_EPSILON) {
        continue;
      }
      mu1 = (mu1 + i * p) / q1;
      double mu2 = (mu - q1 * mu1) / q2;
      double sigma = q1 * q2 * (mu1 - mu2) * (mu1 - mu2);
      if (sigma > maxSigma) {
        maxSigma = sigma;
        threshold = i;
      }
    }
    return threshold;
  }

  /** SeeDiff's quantisation before Otsu: {@code uint16(255 · x²)}, truncating. */
  public static int[] squaredTo255(double[] x) {
    int[] q = new int[x.length];
    for (int i = 0; i < x.length; i++) {
      q[i] = (int) Math.floor(x[i] * x[i] * 255.0);
    }
    return q;
  }
}
