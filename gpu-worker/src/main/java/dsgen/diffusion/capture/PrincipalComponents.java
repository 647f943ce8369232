package dsgen.diffusion.capture;

/**
 * PCA scores of PCC's attention features: for centred data X [n, d] with covariance XᵀX, the scores
 * on the first {@code k} principal axes (= U[:, :k]·S[:k] of the SVD of X), each component's sign
 * chosen so that its largest-magnitude score is positive (first such entry on ties), which makes
 * the result unique.
 */
final class PrincipalComponents {
  private PrincipalComponents() {}

  /**
   * {@code centred} row-major [n, d]; {@code gram} = XᵀX [d, d]. Returns the scores row-major [n,
   * k].
   */
  static double[] scores(double[] centred, int offset, int n, int d, double[] gram, int k) {
    SymmetricEigen eig = SymmetricEigen.of(gram, d);
    double[] z = new double[n * k];
    for (int i = 0; i < n; i++) {
      int row = offset + i * d;
      for (int j = 0; j < k; j++) {
        double s = 0;
        for (int c = 0; c < d; c++) {
          s += centred[row + c] * eig.vectors[c * d + j];
        }
        z[i * k + j] = s;
      }
    }
    for (int j = 0; j < k; j++) {
      int arg = 0;
      double best = -1;
      for (int i = 0; i < n; i++) {
        double a = Math.abs(z[i * k + j]);
        if (a > best) {
          best = a;
          arg = i;
        }
      }
      if (z[arg * k + j] < 0) {
        for (int i = 0; i < n; i++) {
          z[i * k + j] = -z[i * k + j];
        }
      }
    }
    return z;
  }
}
