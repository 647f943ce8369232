package dsgen.masks.pcc;

import dsgen.masks.ops.Normalize;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The class activation maps PCC votes with (docs/algorithms.md#pcc-class-activations): every token
 * map of {@code ovam_R} is resized bilinearly (align_corners=false) to the image size and
 * sum-pooled f×f back to R (f = image size / R); a class takes the element-wise max over its
 * tokens; the start token is the background; every row is min-max normalised over the R² positions
 * (a constant row becomes all zeros and can win no pixel).
 *
 * <p>Upsampling and pooling are both linear and separable, so they collapse into one R×R matrix M
 * per axis ({@code M[Y][i]} = the summed bilinear weight of source row i over the f output rows of
 * block Y) and each token map becomes {@code M·A·Mᵀ} without materialising the image-size map.
 *
 * @param maps [rows][R²]: row 0 background, then the classes in ascending label id
 * @param labels label id of each row (row 0 = 0)
 * @param classIndex index of each row's class in the caller's class list (row 0 = −1)
 */
public record ClassActivations(double[][] maps, int[] labels, int[] classIndex) {

  /**
   * @param ovam {@code ovam_R} row-major [tokens, R, R]
   * @param imageSize side of the square image, a multiple of R
   * @param classes the image's classes (any order)
   */
  public static ClassActivations fromOvam(
      float[] ovam, int tokens, int r, int imageSize, List<ClassTokens> classes) {
    if ((long) tokens * r * r != ovam.length || tokens < 1) {
      throw new IllegalArgumentException(
          ovam.length + " OVAM values are not [" + tokens + ", " + r + ", " + r + "]");
    }
    if (imageSize < r || imageSize % r != 0) {
      throw new IllegalArgumentException(
          "image size " + imageSize + " is not a multiple of R=" + r);
    }
    double[] pool = poolOfBilinear(r, imageSize);
    int[] order =
        IntStream.range(0, classes.size())
            .boxed()
            .sorted(Comparator.comparingInt(i -> classes.get(i).label()))
            .mapToInt(Integer::intValue)
            .toArray();
    double[][] maps = new double[order.length + 1][];
    int[] labels = new int[order.length + 1];
    int[] classIndex = new int[order.length + 1];
    maps[0] = pooledToken(ovam, 0, r, pool);
    classIndex[0] = -1;
    for (int row = 1; row <= order.length; row++) {
      ClassTokens c = classes.get(order[row - 1]);
      if (c.tokens().length == 0) {
        throw new IllegalArgumentException("class " + c.name() + " has no tokens");
      }
      double[] max = null;
      for (int t : c.tokens()) {
        if (t < 0 || t >= tokens) {
          throw new IllegalArgumentException(
              "class " + c.name() + ": token " + t + " outside [0, " + tokens + ")");
        }
        double[] m = pooledToken(ovam, t, r, pool);
        if (max == null) {
          max = m;
        } else {
          for (int p = 0; p < m.length; p++) {
            max[p] = Math.max(max[p], m[p]);
          }
        }
      }
      maps[row] = max;
      labels[row] = c.label();
      classIndex[row] = order[row - 1];
    }
    for (int row = 0; row < maps.length; row++) {
      maps[row] = Normalize.minMax(maps[row]);
    }
    return new ClassActivations(maps, labels, classIndex);
  }

  /**
   * True when the row's map was constant, so min-max left it all zero and it takes part in no vote.
   */
  public boolean isEmpty(int row) {
    for (double v : maps[row]) {
      if (v != 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * [R][R] row-major: M[Y][i] = Σ over output rows d of block Y of the bilinear weight of source
   * row i.
   */
  static double[] poolOfBilinear(int r, int out) {
    double[] m = new double[r * r];
    int f = out / r;
    double scale = (double) r / out;
    for (int d = 0; d < out; d++) {
      double src = Math.max((d + 0.5) * scale - 0.5, 0.0);
      int i0 = Math.min((int) Math.floor(src), r - 1);
      int i1 = Math.min(i0 + 1, r - 1);
      double lambda = src - i0;
      int block = d / f;
      m[block * r + i0] += 1 - lambda;
      m[block * r + i1] += lambda;
    }
    return m;
  }

  /** M · A · Mᵀ for token t. */
  private static double[] pooledToken(float[] ovam, int t, int r, double[] m) {
    int base = t * r * r;
    double[] rowsPooled = new double[r * r];
    for (int yOut = 0; yOut < r; yOut++) {
      for (int i = 0; i < r; i++) {
        double w = m[yOut * r + i];
        if (w == 0) {
          continue;
        }
        int src = base + i * r;
        int dst = yOut * r;
        for (int x = 0; x < r; x++) {
          rowsPooled[dst + x] += w * ovam[src + x];
        }
      }
    }
    double[] out = new double[r * r];
    for (int y = 0; y < r; y++) {
      for (int xOut = 0; xOut < r; xOut++) {
        double s = 0;
        for (int j = 0; j < r; j++) {
          s += rowsPooled[y * r + j] * m[xOut * r + j];
        }
        out[y * r + xOut] = s;
      }
    }
    return out;
  }
}
