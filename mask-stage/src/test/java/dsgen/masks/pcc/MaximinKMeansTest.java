package dsgen.masks.pcc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaximinKMeansTest {

  /**
   * A line-by-line port of the NumPy reference's k-means (docs/algorithms.md#pcc-kmeans; no
   * pruning): the bounds must never change an assignment.
   */
  static int[] referenceKMeans(double[] x, int n, int dim, int k, int maxIter) {
    k = Math.min(k, n);
    double[] mean = new double[dim];
    for (int i = 0; i < n; i++) {
      for (int f = 0; f < dim; f++) {
        mean[f] += x[i * dim + f];
      }
    }
    for (int f = 0; f < dim; f++) {
      mean[f] /= n;
    }
    int first = argmin(sqdist(x, n, dim, mean, 0));
    double[] c = new double[k * dim];
    System.arraycopy(x, first * dim, c, 0, dim);
    double[] dmin = sqdist(x, n, dim, x, first * dim);
    for (int j = 1; j < k; j++) {
      int far = 0;
      for (int i = 1; i < n; i++) {
        if (dmin[i] > dmin[far]) {
          far = i;
        }
      }
      System.arraycopy(x, far * dim, c, j * dim, dim);
      double[] d = sqdist(x, n, dim, x, far * dim);
      for (int i = 0; i < n; i++) {
        dmin[i] = Math.min(dmin[i], d[i]);
      }
    }
    int[] labels = null;
    for (int it = 0; it < maxIter; it++) {
      int[] fresh = new int[n];
      double[][] dist = new double[k][];
      for (int j = 0; j < k; j++) {
        dist[j] = sqdist(x, n, dim, c, j * dim);
      }
      for (int i = 0; i < n; i++) {
        for (int j = 1; j < k; j++) {
          if (dist[j][i] < dist[fresh[i]][i]) {
            fresh[i] = j;
          }
        }
      }
      if (labels != null && Arrays.equals(fresh, labels)) {
        break;
      }
      labels = fresh;
      for (int j = 0; j < k; j++) {
        double[] sum = new double[dim];
        int count = 0;
        for (int i = 0; i < n; i++) {
          if (labels[i] == j) {
            count++;
            for (int f = 0; f < dim; f++) {
              sum[f] += x[i * dim + f];
            }
          }
        }
        if (count > 0) {
          for (int f = 0; f < dim; f++) {
            c[j * dim + f] = sum[f] / count;
          }
        }
      }
    }
    return labels;
  }

  private static double[] sqdist(double[] x, int n, int dim, double[] c, int off) {
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = SquaredDistance.between(x, i * dim, c, off, dim);
    }
    return d;
  }

  private static int argmin(double[] d) {
    int best = 0;
    for (int i = 1; i < d.length; i++) {
      if (d[i] < d[best]) {
        best = i;
      }
    }
    return best;
  }

  /** Blobs plus uniform noise, rounded to a coarse grid so exact ties between distances occur. */
  static double[] points(long seed, int n, int dim, double grid) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[][] blobs = new double[5][dim];
    for (double[] b : blobs) {
      for (int f = 0; f < dim; f++) {
        b[f] = rnd.nextDouble();
      }
    }
    double[] x = new double[n * dim];
    for (int i = 0; i < n; i++) {
      double[] b = blobs[rnd.nextInt(blobs.length)];
      for (int f = 0; f < dim; f++) {
        double v = b[f] + 0.3 * (rnd.nextDouble() - 0.5);
        x[i * dim + f] = grid > 0 ? Math.round(v / grid) * grid : v;
      }
    }
    return x;
  }

  @ParameterizedTest
  @CsvSource({
    "1, 2000, 5, 20, 0",
    "2, 2000, 5, 20, 0.25",
    "3, 1024, 254, 4, 0",
    "4, 1024, 254, 10, 0",
    "5, 3000, 3, 7, 0.5",
    "6, 500, 17, 7, 0",
    "7, 4000, 2, 12, 1.0",
  })
  void prunedLloydGivesTheReferenceAssignment(long seed, int n, int dim, int k, double grid) {
    double[] x = points(seed, n, dim, grid);
    assertArrayEquals(
        referenceKMeans(x, n, dim, k, MaximinKMeans.MAX_ITERATIONS),
        MaximinKMeans.cluster(x, n, dim, k));
  }

  @Test
  void stopsAfterMaxIterationsLikeTheReference() {
    double[] x = points(8, 3000, 5, 0);
    for (int iterations = 1; iterations <= 4; iterations++) {
      assertArrayEquals(
          referenceKMeans(x, 3000, 5, 20, iterations),
          MaximinKMeans.cluster(x, 3000, 5, 20, iterations),
          "max iterations " + iterations);
    }
  }

  @Test
  void identicalPointsAndMoreClustersThanPoints() {
    double[] same = new double[12];
    Arrays.fill(same, 0.5);
    assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0}, MaximinKMeans.cluster(same, 6, 2, 3));
    double[] three = {0, 0, 10, 0, 0, 10};
    assertArrayEquals(referenceKMeans(three, 3, 2, 5, 300), MaximinKMeans.cluster(three, 3, 2, 5));
    assertArrayEquals(new int[] {0, 1, 2}, MaximinKMeans.cluster(three, 3, 2, 5));
  }

  @Test
  void firstCentreIsThePointNearestTheMeanThenTheFarthest() {
    // mean (2.725, 0): point 1 is nearest; point 3 (x=5) is farthest from it
    double[] x = {0, 0, 2, 0, 3.9, 0, 5, 0};
    assertArrayEquals(new int[] {0, 0, 1, 1}, MaximinKMeans.cluster(x, 4, 2, 2));
  }

  @Test
  void rejectsInconsistentShapes() {
    assertThrows(
        IllegalArgumentException.class, () -> MaximinKMeans.cluster(new double[5], 2, 3, 2));
    assertThrows(
        IllegalArgumentException.class, () -> MaximinKMeans.cluster(new double[6], 2, 3, 0));
  }
}
