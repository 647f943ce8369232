package dsgen.masks.ops;

import dsgen.tensor.Half;

/** Float64 reductions over a widened row, with partial sums so the loop pipelines. */
final class Dot {
  private Dot() {}

  static double dot(double[] a, double[] b, int n) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = 0;
    for (; i + 3 < n; i += 4) {
      s0 += a[i] * b[i];
      s1 += a[i + 1] * b[i + 1];
      s2 += a[i + 2] * b[i + 2];
      s3 += a[i + 3] * b[i + 3];
    }
    for (; i < n; i++) {
      s0 += a[i] * b[i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /**
   * {@code {a·b, a·a}} in one pass over the row; four partial sums each, so the adds do not wait on
   * each other.
   */
  static void dotAndSquaredNorm(double[] a, double[] b, int n, double[] out) {
    double d0 = 0;
    double d1 = 0;
    double d2 = 0;
    double d3 = 0;
    double n0 = 0;
    double n1 = 0;
    double n2 = 0;
    double n3 = 0;
    int i = 0;
    for (; i + 3 < n; i += 4) {
      double a0 = a[i];
      double a1 = a[i + 1];
      double a2 = a[i + 2];
      double a3 = a[i + 3];
      d0 += a0 * b[i];
      d1 += a1 * b[i + 1];
      d2 += a2 * b[i + 2];
      d3 += a3 * b[i + 3];
      n0 += a0 * a0;
      n1 += a1 * a1;
      n2 += a2 * a2;
      n3 += a3 * a3;
    }
    for (; i < n; i++) {
      double a0 = a[i];
      d0 += a0 * b[i];
      n0 += a0 * a0;
    }
    out[0] = (d0 + d1) + (d2 + d3);
    out[1] = (n0 + n1) + (n2 + n3);
  }

  /**
   * {@link #dotAndSquaredNorm} over a float16 row, widened as it is read (one pass instead of two).
   */
  static void dotAndSquaredNormF16(short[] bits, double[] b, int n, double[] out) {
    double d0 = 0;
    double d1 = 0;
    double d2 = 0;
    double d3 = 0;
    double n0 = 0;
    double n1 = 0;
    double n2 = 0;
    double n3 = 0;
    int i = 0;
    for (; i + 3 < n; i += 4) {
      double a0 = Half.f16ToDouble(bits[i]);
      double a1 = Half.f16ToDouble(bits[i + 1]);
      double a2 = Half.f16ToDouble(bits[i + 2]);
      double a3 = Half.f16ToDouble(bits[i + 3]);
      d0 += a0 * b[i];
      d1 += a1 * b[i + 1];
      d2 += a2 * b[i + 2];
      d3 += a3 * b[i + 3];
      n0 += a0 * a0;
      n1 += a1 * a1;
      n2 += a2 * a2;
      n3 += a3 * a3;
    }
    for (; i < n; i++) {
      double a0 = Half.f16ToDouble(bits[i]);
      d0 += a0 * b[i];
      n0 += a0 * a0;
    }
    out[0] = (d0 + d1) + (d2 + d3);
    out[1] = (n0 + n1) + (n2 + n3);
  }

  static double squaredNorm(double[] a, int n) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = 0;
    for (; i + 3 < n; i += 4) {
      double a0 = a[i];
      double a1 = a[i + 1];
      double a2 = a[i + 2];
      double a3 = a[i + 3];
      s0 += a0 * a0;
      s1 += a1 * a1;
      s2 += a2 * a2;
      s3 += a3 * a3;
    }
    for (; i < n; i++) {
      double a0 = a[i];
      s0 += a0 * a0;
    }
    return (s0 + s1) + (s2 + s3);
  }
}
