package dsgen.masks.pcc;

import java.util.Arrays;

/**
 * The points PCC clusters (docs/algorithms.md#pcc-points): every column of the per-head PCA
 * features min-max normalised over the R² positions (a constant column becomes 0), then the
 * normalised column {@code x/(R−1)} and row {@code y/(R−1)}.
 */
public final class ClusteringFeatures {
  private ClusteringFeatures() {}

  /**
   * @param features {@code pcc_features} row-major [R², columns] (position p = y·R + x)
   * @return row-major [R², columns + 2] in float64
   */
  public static double[] of(float[] features, int r, int columns) {
    int n = r * r;
    if (r < 2) {
      throw new IllegalArgumentException(
          "clustering needs R ≥ 2 (positions are normalised by R − 1), got " + r);
    }
    if ((long) n * columns != features.length || columns < 1) {
      throw new IllegalArgumentException(
          features.length + " feature values are not [" + n + ", " + columns + "]");
    }
    int dim = columns + 2;
    double[] lo = new double[columns];
    double[] hi = new double[columns];
    Arrays.fill(lo, Double.POSITIVE_INFINITY);
    Arrays.fill(hi, Double.NEGATIVE_INFINITY);
    for (int p = 0; p < n; p++) {
      int off = p * columns;
      for (int c = 0; c < columns; c++) {
        double v = features[off + c];
        lo[c] = Math.min(lo[c], v);
        hi[c] = Math.max(hi[c], v);
      }
    }
    double[] range = new double[columns];
    for (int c = 0; c < columns; c++) {
      range[c] = hi[c] > lo[c] ? hi[c] - lo[c] : 1.0;
    }
    double[] points = new double[n * dim];
    for (int p = 0; p < n; p++) {
      int src = p * columns;
      int dst = p * dim;
      for (int c = 0; c < columns; c++) {
        points[dst + c] = (features[src + c] - lo[c]) / range[c];
      }
      points[dst + columns] = (double) (p % r) / (r - 1);
      points[dst + columns + 1] = (double) (p / r) / (r - 1);
    }
    return points;
  }
}
