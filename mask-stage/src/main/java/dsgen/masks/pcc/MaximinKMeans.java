package dsgen.masks.pcc;

import java.util.Arrays;

/**
 * The deterministic k-means of the NumPy reference (docs/algorithms.md#pcc-kmeans), which replaces
 * sklearn's unseeded k-means++ so that Java and NumPy give the same clusters.
 *
 * <p>Initialisation: the first centre is the point nearest the feature mean; then, repeatedly, the
 * point with the largest squared distance to its nearest chosen centre (lowest index on ties).
 * Lloyd: each point goes to the centre with the smallest squared distance (lowest index on ties);
 * stop when no assignment changed (or after {@code maxIterations} assignment passes); else every
 * non-empty cluster's centre becomes its mean, an empty one keeps its centre. Distances use NumPy's
 * summation order ({@link SquaredDistance}), means add points in index order.
 *
 * <p>Speed: Hamerly's bounds skip the distance computations for points whose centre provably did
 * not change (an upper bound on the distance to the own centre below a lower bound on every other).
 * The skip test keeps a margin of {@value #PRUNE_MARGIN} × the data diameter, far above the
 * accumulated rounding error of the bounds, so a point is skipped only when exact arithmetic and
 * the reference's rounded distances both keep it where it is; otherwise all k distances are
 * computed exactly as the reference does. The result is the reference's assignment, pass by pass.
 */
public final class MaximinKMeans {
  /** The reference's {@code max_iter}. */
  public static final int MAX_ITERATIONS = 300;

  private static final double PRUNE_MARGIN = 1e-9;

  private final double[] points;
  private final int n;
  private final int dim;
  private final int k;
  private final double[] centres;
  private final int[] assignment;
  private final double[] upper;
  private final double[] lower;
  private final double[] moved;
  private final double[] halfSeparation;
  private final double margin;

  private MaximinKMeans(double[] points, int n, int dim, int k) {
    this.points = points;
    this.n = n;
    this.dim = dim;
    this.k = k;
    this.centres = initialCentres(points, n, dim, k);
    this.assignment = new int[n];
    this.upper = new double[n];
    this.lower = new double[n];
    this.moved = new double[k];
    this.halfSeparation = new double[k];
    this.margin = PRUNE_MARGIN * diameter(points, n, dim);
  }

  /**
   * Clusters {@code n} points of {@code dim} features (row-major in {@code points}) into {@code
   * min(k, n)} clusters.
   *
   * @return the cluster index of every point
   */
  public static int[] cluster(double[] points, int n, int dim, int k) {
    return cluster(points, n, dim, k, MAX_ITERATIONS);
  }

  static int[] cluster(double[] points, int n, int dim, int k, int maxIterations) {
    if (n < 1 || dim < 1 || (long) n * dim != points.length) {
      throw new IllegalArgumentException(
          "k-means needs n ≥ 1 points of dim ≥ 1 features, got n="
              + n
              + ", dim="
              + dim
              + " for "
              + points.length
              + " values");
    }
    if (k < 1 || maxIterations < 1) {
      throw new IllegalArgumentException(
          "k-means needs k ≥ 1 and maxIterations ≥ 1, got k="
              + k
              + ", maxIterations="
              + maxIterations);
    }
    MaximinKMeans run = new MaximinKMeans(points, n, dim, Math.min(k, n));
    run.iterate(maxIterations);
    return run.assignment;
  }

  private void iterate(int maxIterations) {
    assignAll();
    for (int pass = 1; pass < maxIterations; pass++) {
      updateCentres();
      updateSeparations();
      if (reassign() == 0) {
        return;
      }
    }
  }

  private static double[] initialCentres(double[] x, int n, int dim, int k) {
    double[] mean = new double[dim];
    for (int i = 0; i < n; i++) {
      int off = i * dim;
      for (int f = 0; f < dim; f++) {
        mean[f] += x[off + f];
      }
    }
    for (int f = 0; f < dim; f++) {
      mean[f] /= n;
    }
    int first = 0;
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      double d = SquaredDistance.between(x, i * dim, mean, 0, dim);
      if (d < best) {
        best = d;
        first = i;
      }
    }
    double[] centres = new double[k * dim];
    System.arraycopy(x, first * dim, centres, 0, dim);
    double[] nearest = new double[n];
    for (int i = 0; i < n; i++) {
      nearest[i] = SquaredDistance.between(x, i * dim, x, first * dim, dim);
    }
    for (int c = 1; c < k; c++) {
      int far = 0;
      for (int i = 1; i < n; i++) {
        if (nearest[i] > nearest[far]) {
          far = i;
        }
      }
      System.arraycopy(x, far * dim, centres, c * dim, dim);
      for (int i = 0; i < n; i++) {
        nearest[i] = Math.min(nearest[i], SquaredDistance.between(x, i * dim, x, far * dim, dim));
      }
    }
    return centres;
  }

  private static double diameter(double[] x, int n, int dim) {
    double sum = 0;
    for (int f = 0; f < dim; f++) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        double v = x[i * dim + f];
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      sum += (hi - lo) * (hi - lo);
    }
    return Math.sqrt(sum);
  }

  private void assignAll() {
    for (int i = 0; i < n; i++) {
      assignExactly(i);
    }
  }

  /**
   * Sets point i's centre and both bounds from all k exact distances; returns true when the centre
   * changed.
   */
  private boolean assignExactly(int i) {
    int off = i * dim;
    int best = 0;
    double bestSq = Double.POSITIVE_INFINITY;
    double secondSq = Double.POSITIVE_INFINITY;
    for (int j = 0; j < k; j++) {
      double d = SquaredDistance.between(points, off, centres, j * dim, dim);
      if (d < bestSq) {
        secondSq = bestSq;
        bestSq = d;
        best = j;
      } else if (d < secondSq) {
        secondSq = d;
      }
    }
    boolean changed = assignment[i] != best;
    assignment[i] = best;
    upper[i] = Math.sqrt(bestSq);
    lower[i] = Math.sqrt(secondSq);
    return changed;
  }

  private void updateCentres() {
    double[] sums = new double[k * dim];
    int[] counts = new int[k];
    for (int i = 0; i < n; i++) {
      int j = assignment[i];
      counts[j]++;
      int src = i * dim;
      int dst = j * dim;
      for (int f = 0; f < dim; f++) {
        sums[dst + f] += points[src + f];
      }
    }
    for (int j = 0; j < k; j++) {
      if (counts[j] == 0) {
        moved[j] = 0;
        continue;
      }
      int off = j * dim;
      for (int f = 0; f < dim; f++) {
        sums[off + f] /= counts[j];
      }
      moved[j] = Math.sqrt(SquaredDistance.between(sums, off, centres, off, dim));
      System.arraycopy(sums, off, centres, off, dim);
    }
  }

  private void updateSeparations() {
    Arrays.fill(halfSeparation, Double.POSITIVE_INFINITY);
    for (int a = 0; a < k; a++) {
      for (int b = a + 1; b < k; b++) {
        double half =
            0.5 * Math.sqrt(SquaredDistance.between(centres, a * dim, centres, b * dim, dim));
        halfSeparation[a] = Math.min(halfSeparation[a], half);
        halfSeparation[b] = Math.min(halfSeparation[b], half);
      }
    }
  }

  private int reassign() {
    int fastest = 0;
    for (int j = 1; j < k; j++) {
      if (moved[j] > moved[fastest]) {
        fastest = j;
      }
    }
    double maxMove = moved[fastest];
    double secondMove = 0;
    for (int j = 0; j < k; j++) {
      if (j != fastest) {
        secondMove = Math.max(secondMove, moved[j]);
      }
    }
    int changed = 0;
    for (int i = 0; i < n; i++) {
      int a = assignment[i];
      double u = upper[i] + moved[a];
      double l = lower[i] - (a == fastest ? secondMove : maxMove);
      double bound = Math.max(halfSeparation[a], l);
      if (u + margin < bound) {
        upper[i] = u;
        lower[i] = l;
        continue;
      }
      u = Math.sqrt(SquaredDistance.between(points, i * dim, centres, a * dim, dim));
      if (u + margin < bound) {
        upper[i] = u;
        lower[i] = l;
        continue;
      }
      if (assignExactly(i)) {
        changed++;
      }
    }
    return changed;
  }
}
