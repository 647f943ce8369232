package dsgen.masks.datasetdiffusion;

import dsgen.attention.AttentionClass;
import dsgen.attention.AttentionProblem;
import dsgen.attention.AttentionTensor;
import dsgen.attention.TensorFamily;
import dsgen.attention.TensorName;
import dsgen.masks.MaskGeometry;
import dsgen.masks.MaskMethod;
import dsgen.masks.MaskResult;
import dsgen.masks.image.RgbImage;
import dsgen.masks.io.AttentionFile;
import dsgen.masks.io.AttentionFileException;
import dsgen.masks.ops.Resize;
import dsgen.masks.ops.RowMatrix;
import dsgen.masks.ops.TokenMaps;
import dsgen.recipe.Recipe;
import java.util.List;

/**
 * Dataset Diffusion ({@code gen_data.py} L101-138, docs/algorithms.md#dataset-diffusion): the
 * class-prompt cross-attention of each class (mean over its tokens) upsampled bicubically to the
 * self-attention resolution, propagated as {@code A^τ · a} with τ matrix–vector products (never the
 * matrix power), min-max normalised, upsampled to the image; a pixel belongs to the class with the
 * largest map when it reaches the threshold, is ignored (255) between uncertainty and threshold.
 * Float64 throughout: the min-max amplifies rounding when {@code A^τ · a} is nearly constant.
 */
public final class DatasetDiffusion implements MaskMethod {
  @Override
  public MaskResult compute(AttentionFile attention, RgbImage image, Recipe recipe) {
    int side = MaskGeometry.side(attention, image);
    int crossRes = recipe.intParam("cross-res");
    int selfRes = recipe.intParam("self-res");
    boolean classPrompt = usesClassPrompt(attention, crossRes);
    AttentionTensor ca =
        attention.require(
            TensorName.of(classPrompt ? TensorFamily.CPA_MEAN : TensorFamily.CA_MEAN, crossRes),
            recipe.recipeId());
    RowMatrix sa =
        new RowMatrix(
            attention.require(TensorName.of(TensorFamily.SA_MEAN, selfRes), recipe.recipeId()));

    List<AttentionClass> classes = attention.metadata().classes();
    double[][] classMaps = new double[classes.size()][];
    for (int c = 0; c < classes.size(); c++) {
      List<Integer> tokens = tokensOf(classes.get(c), classPrompt, c);
      classMaps[c] = upsampledClassAttention(ca, crossRes, selfRes, tokens);
    }
    double[][] propagated = propagate(sa, classMaps, recipe.intParam("tau"));
    double[][] soft = new double[classes.size()][];
    for (int c = 0; c < classes.size(); c++) {
      soft[c] = Resize.bicubic(shiftAndScale(propagated[c]), selfRes, selfRes, side, side);
    }
    byte[] labels =
        label(
            soft,
            MaskGeometry.labels(attention),
            recipe.doubleParam("threshold"),
            recipe.doubleParam("uncertainty"));
    float[][] stored = new float[soft.length][];
    for (int c = 0; c < soft.length; c++) {
      stored[c] = MaskGeometry.toFloat(soft[c]);
    }
    return new MaskResult(side, side, stored, labels);
  }

  /**
   * The class prompt's attention when the capture has it and the generation had a class prompt
   * (docs/algorithms.md#dataset-diffusion, step 0).
   */
  static boolean usesClassPrompt(AttentionFile attention, int crossRes) {
    return attention.has(TensorName.of(TensorFamily.CPA_MEAN, crossRes))
        && attention.metadata().hasClassPrompt();
  }

  private static List<Integer> tokensOf(AttentionClass c, boolean classPrompt, int index) {
    List<Integer> tokens = classPrompt ? c.classPromptTokens() : c.promptTokens();
    if (tokens.isEmpty()) {
      String field =
          "classes[" + index + "]." + (classPrompt ? "class_prompt_tokens" : "prompt_tokens");
      throw new AttentionFileException(
          AttentionProblem.TOKEN_OUT_OF_RANGE,
          field,
          "metadata "
              + field
              + " of class '"
              + c.name()
              + "' is empty; dataset-diffusion needs its tokens");
    }
    return tokens;
  }

  /**
   * Step 1 and 3: each token's map upsampled bicubically to the self-attention resolution, averaged
   * over tokens.
   */
  static double[] upsampledClassAttention(
      AttentionTensor ca, int crossRes, int selfRes, List<Integer> tokens) {
    double[] mean = new double[selfRes * selfRes];
    for (int t : tokens) {
      double[] up = Resize.bicubic(TokenMaps.column(ca, t), crossRes, crossRes, selfRes, selfRes);
      for (int i = 0; i < mean.length; i++) {
        mean[i] += up[i];
      }
    }
    for (int i = 0; i < mean.length; i++) {
      mean[i] /= tokens.size();
    }
    return mean;
  }

  /**
   * Step 2–3: {@code A^τ · a_c} for every class, τ streamed passes over A shared by all classes.
   */
  static double[][] propagate(RowMatrix sa, double[][] classMaps, int tau) {
    double[][] x = classMaps;
    for (int step = 0; step < tau; step++) {
      x = sa.times(x);
    }
    return x;
  }

  /**
   * Step 3: {@code a ← a − min; a ← a / max} (left unscaled when the maximum is 0, as the NumPy
   * reference of docs/algorithms.md#reference does).
   */
  static double[] shiftAndScale(double[] a) {
    double lo = Double.POSITIVE_INFINITY;
    for (double v : a) {
      lo = Math.min(lo, v);
    }
    double[] out = new double[a.length];
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] - lo;
      hi = Math.max(hi, out[i]);
    }
    if (hi > 0) {
      for (int i = 0; i < out.length; i++) {
        out[i] /= hi;
      }
    }
    return out;
  }

  /**
   * Step 5: argmax over classes (first class in metadata order on ties); its label where the
   * maximum reaches the threshold, 255 where it lies in [uncertainty, threshold), else 0.
   */
  static byte[] label(double[][] soft, int[] labels, double threshold, double uncertainty) {
    int n = soft[0].length;
    byte[] out = new byte[n];
    for (int i = 0; i < n; i++) {
      int best = 0;
      for (int c = 1; c < soft.length; c++) {
        if (soft[c][i] > soft[best][i]) {
          best = c;
        }
      }
      double m = soft[best][i];
      if (m >= threshold) {
        out[i] = (byte) labels[best];
      } else if (m >= uncertainty) {
        out[i] = (byte) MaskResult.IGNORE;
      }
    }
    return out;
  }
}
