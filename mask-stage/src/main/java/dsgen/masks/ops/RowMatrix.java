package dsgen.masks.ops;

import dsgen.attention.AttentionTensor;
import dsgen.attention.DType;

/**
 * Products with a square attention matrix read one row at a time (row = query pixel), in float64,
 * so a 4096² float16 map is widened one row at a time and never copied. One instance per thread: it
 * owns its row buffer.
 */
public final class RowMatrix {
  private final AttentionTensor matrix;
  private final int n;
  private final double[] row;

  /** Raw bits of a float16 row, for the fused widen-and-reduce kernels; null for other dtypes. */
  private final short[] bits;

  public RowMatrix(AttentionTensor matrix) {
    if (matrix.rank() != 2 || matrix.dim(0) != matrix.dim(1)) {
      throw new IllegalArgumentException("tensor " + matrix.name() + " is not a square matrix");
    }
    this.matrix = matrix;
    this.n = matrix.dim(0);
    this.row = new double[n];
    this.bits = matrix.dtype() == DType.F16 ? new short[n] : null;
  }

  public int size() {
    return n;
  }

  public String name() {
    return matrix.name();
  }

  /** y = A · x. */
  public double[] times(double[] x) {
    return times(new double[][] {x})[0];
  }

  /** y_c = A · x_c for several vectors at once, so A is read once. */
  public double[][] times(double[][] xs) {
    double[][] ys = new double[xs.length][n];
    double[] dotAndNorm = new double[2];
    for (int i = 0; i < n; i++) {
      if (bits != null && xs.length == 1) {
        dotAndSquaredNorm(i, xs[0], dotAndNorm);
        ys[0][i] = dotAndNorm[0];
        continue;
      }
      matrix.readRow(i, row);
      for (int c = 0; c < xs.length; c++) {
        ys[c][i] = Dot.dot(row, xs[c], n);
      }
    }
    return ys;
  }

  /** Mean of the rows at the selected indices (an empty selection gives zeros). */
  public double[] meanOfRows(boolean[] selected) {
    double[] acc = new double[n];
    int count = 0;
    for (int i = 0; i < n; i++) {
      if (selected[i]) {
        matrix.readRow(i, row);
        for (int j = 0; j < n; j++) {
          acc[j] += row[j];
        }
        count++;
      }
    }
    if (count > 0) {
      for (int j = 0; j < n; j++) {
        acc[j] /= count;
      }
    }
    return acc;
  }

  /**
   * {@code v_j = Σ_{s selected} cos(A_j, A_s)} over rows, computed as {@code Â_j · Σ_s Â_s} with
   * {@code Â = row / max(‖row‖, 1e-8)}: O(N²) instead of the official O(N²·|seeds|) loop
   * (docs/algorithms.md#cosine-sum). An empty selection gives zeros.
   */
  public double[] cosineSum(boolean[] selected) {
    double[] u = new double[n];
    boolean any = false;
    for (int s = 0; s < n; s++) {
      if (selected[s]) {
        any = true;
        matrix.readRow(s, row);
        double inv = 1.0 / Math.max(Math.sqrt(Dot.squaredNorm(row, n)), 1e-8);
        for (int j = 0; j < n; j++) {
          u[j] += row[j] * inv;
        }
      }
    }
    double[] v = new double[n];
    if (!any) {
      return v;
    }
    double[] dotAndNorm = new double[2];
    for (int i = 0; i < n; i++) {
      dotAndSquaredNorm(i, u, dotAndNorm);
      v[i] = dotAndNorm[0] / Math.max(Math.sqrt(dotAndNorm[1]), 1e-8);
    }
    return v;
  }

  /** {@code {A_i · u, A_i · A_i}} of row i, widening float16 as it goes. */
  private void dotAndSquaredNorm(int i, double[] u, double[] out) {
    if (bits != null) {
      matrix.readRowBits(i, bits);
      Dot.dotAndSquaredNormF16(bits, u, n, out);
    } else {
      matrix.readRow(i, row);
      Dot.dotAndSquaredNorm(row, u, n, out);
    }
  }
}
