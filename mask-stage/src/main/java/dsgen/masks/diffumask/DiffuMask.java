package dsgen.masks.diffumask;

import dsgen.attention.AttentionClass;
import dsgen.attention.AttentionTensor;
import dsgen.attention.TensorFamily;
import dsgen.attention.TensorName;
import dsgen.masks.MaskGeometry;
import dsgen.masks.MaskMethod;
import dsgen.masks.MaskResult;
import dsgen.masks.image.RgbImage;
import dsgen.masks.io.AttentionFile;
import dsgen.masks.labels.ClassLabeling;
import dsgen.masks.ops.Resize;
import dsgen.masks.ops.Threshold;
import dsgen.masks.ops.TokenMaps;
import dsgen.recipe.Recipe;
import java.util.List;

/**
 * DiffuMask's cross-attention baseline ({@code save_cross_attention} L338-416,
 * docs/algorithms.md#diffumask): for each class token, the mean cross-attention at each resolution
 * upsampled bicubically to the image and max-normalised, averaged over resolutions, then over the
 * class's tokens; {@code > threshold} is the class.
 */
public final class DiffuMask implements MaskMethod {
  @Override
  public MaskResult compute(AttentionFile attention, RgbImage image, Recipe recipe) {
    int side = MaskGeometry.side(attention, image);
    int[] res = recipe.intsParam("res");
    AttentionTensor[] ca = new AttentionTensor[res.length];
    for (int i = 0; i < res.length; i++) {
      ca[i] = attention.require(TensorName.of(TensorFamily.CA_MEAN, res[i]), recipe.recipeId());
    }
    double threshold = recipe.doubleParam("threshold");
    List<AttentionClass> classes = attention.metadata().classes();
    float[][] soft = new float[classes.size()][];
    boolean[][] on = new boolean[classes.size()][];
    for (int c = 0; c < classes.size(); c++) {
      double[] m = classMap(ca, res, classes.get(c).promptTokens(), side);
      soft[c] = MaskGeometry.toFloat(m);
      on[c] = Threshold.above(m, threshold);
    }
    return new MaskResult(
        side, side, soft, ClassLabeling.argmaxAmongOn(soft, on, MaskGeometry.labels(attention)));
  }

  /**
   * Steps 3–4: mean over tokens of the mean over resolutions of max-normalised bicubic upsamples.
   */
  static double[] classMap(AttentionTensor[] ca, int[] res, List<Integer> tokens, int side) {
    double[] acc = new double[side * side];
    double[] perToken = new double[side * side];
    double[] up = new double[side * side];
    for (int t : tokens) {
      java.util.Arrays.fill(perToken, 0);
      for (int i = 0; i < res.length; i++) {
        addMaxNormalised(
            perToken, Resize.bicubic(TokenMaps.column(ca[i], t), res[i], res[i], side, side, up));
      }
      for (int p = 0; p < acc.length; p++) {
        acc[p] += perToken[p] / res.length;
      }
    }
    for (int p = 0; p < acc.length; p++) {
      acc[p] /= tokens.size();
    }
    return acc;
  }

  /**
   * {@code acc += x / max x} (L375-389: max-normalised, not min-max); nothing when the map has no
   * positive value.
   */
  private static void addMaxNormalised(double[] acc, double[] x) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : x) {
      max = Math.max(max, v);
    }
    if (!(max > 0)) {
      return;
    }
    for (int p = 0; p < acc.length; p++) {
      acc[p] += x[p] / max;
    }
  }
}
