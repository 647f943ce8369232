package dsgen.diffusion.capture;

/**
 * Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations (double precision):
 * exact to rounding, no external linear-algebra library needed for the d×d (d = head dim)
 * covariances of PCC.
 */
final class SymmetricEigen {
  final double[] values;

  /**
   * Column-major eigenvectors: vector j is vectors[i*n + j] for i = 0..n-1, sorted by decreasing
   * eigenvalue.
   */
  final double[] vectors;

  private SymmetricEigen(double[] values, double[] vectors) {
    this.values = values;
    this.vectors = vectors;
  }

  static SymmetricEigen of(double[] matrix, int n) {
    double[] a = matrix.clone();
    double[] v = new double[n * n];
    for (int i = 0; i < n; i++) {
      v[i * n + i] = 1;
    }
    for (int sweep = 0; sweep < 100; sweep++) {
      double off = 0;
      double total = 0;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          double x = a[i * n + j] * a[i * n + j];
          total += x;
          if (i != j) {
            off += x;
          }
        }
      }
      if (off <= 1e-30 * total || off == 0) {
        break;
      }
      for (int p = 0; p < n - 1; p++) {
        for (int q = p + 1; q < n; q++) {
          double apq = a[p * n + q];
          if (apq == 0) {
            continue;
          }
          double theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
          double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          if (theta == 0) {
            t = 1;
          }
          double c = 1 / Math.sqrt(t * t + 1);
          double s = t * c;
          rotate(a, v, n, p, q, c, s);
        }
      }
    }
    double[] values = new double[n];
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      values[i] = a[i * n + i];
      order[i] = i;
    }
    java.util.Arrays.sort(order, (x, y) -> Double.compare(values[y], values[x]));
    double[] sortedValues = new double[n];
    double[] sortedVectors = new double[n * n];
    for (int j = 0; j < n; j++) {
      sortedValues[j] = values[order[j]];
      for (int i = 0; i < n; i++) {
        sortedVectors[i * n + j] = v[i * n + order[j]];
      }
    }
    return new SymmetricEigen(sortedValues, sortedVectors);
  }

  // A' = Jᵀ A J with the rotation J in the (p, q) plane; V' = V J.
  private static void rotate(double[] a, double[] v, int n, int p, int q, double c, double s) {
    for (int k = 0; k < n; k++) {
      double akp = a[k * n + p];
      double akq = a[k * n + q];
      a[k * n + p] = c * akp - s * akq;
      a[k * n + q] = s * akp + c * akq;
    }
    for (int k = 0; k < n; k++) {
      double apk = a[p * n + k];
      double aqk = a[q * n + k];
      a[p * n + k] = c * apk - s * aqk;
      a[q * n + k] = s * apk + c * aqk;
    }
    for (int k = 0; k < n; k++) {
      double vkp = v[k * n + p];
      double vkq = v[k * n + q];
      v[k * n + p] = c * vkp - s * vkq;
      v[k * n + q] = s * vkp + c * vkq;
    }
  }
}
