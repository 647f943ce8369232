package dsgen.masks.seediff;

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
import dsgen.masks.ops.Normalize;
import dsgen.masks.ops.Otsu;
import dsgen.masks.ops.Resize;
import dsgen.masks.ops.RowMatrix;
import dsgen.masks.ops.Threshold;
import dsgen.masks.ops.TokenMaps;
import dsgen.masks.pamr.Pamr;
import dsgen.masks.pamr.PamrAffinity;
import dsgen.masks.pamr.PamrParams;
import dsgen.recipe.Recipe;
import java.util.List;

/**
 * SeeDiff as the official code runs it ({@code seediff_app.py save_cross_attention},
 * docs/algorithms.md#seediff-code): per-layer normalised class cross-attention at r0, Otsu seeds on
 * {@code uint16(255·C²)}, expansion by the sum of cosine similarities of self-attention rows, then
 * at every finer r a bicubic upsample refined by background seeds, a bicubic upsample to the image,
 * {@code > beta}, and PAMR on that binary mask ({@code minmax > pamr-thresh}). The class token is
 * the first sub-token of the class name, as the official code takes it.
 */
public final class SeeDiffCode implements MaskMethod {
  /**
   * Variance below which the official code damps a layer's map by 0.01 (head-summed map, unbiased
   * variance).
   */
  static final double LOW_VARIANCE = 1e-4;

  static final double LOW_VARIANCE_WEIGHT = 0.01;

  @Override
  public MaskResult compute(AttentionFile attention, RgbImage image, Recipe recipe) {
    int side = MaskGeometry.side(attention, image);
    int[] res = recipe.intsParam("res");
    AttentionTensor caLayers =
        attention.require(TensorName.of(TensorFamily.CA_LAYERS, res[0]), recipe.recipeId());
    RowMatrix[] selfAttention = new RowMatrix[res.length];
    for (int i = 0; i < res.length; i++) {
      selfAttention[i] =
          new RowMatrix(
              attention.require(TensorName.of(TensorFamily.SA_FIRST, res[i]), recipe.recipeId()));
    }
    boolean pamr = recipe.boolParam("pamr");
    PamrParams pamrParams =
        new PamrParams(
            recipe.intParam("pamr-iters"),
            recipe.intsParam("pamr-dilations"),
            recipe.doubleParam("pamr-std-factor"));
    PamrAffinity affinity = pamr ? PamrAffinity.of(image, pamrParams) : null;
    double beta = recipe.doubleParam("beta");
    double pamrThreshold = recipe.doubleParam("pamr-thresh");

    List<AttentionClass> classes = attention.metadata().classes();
    float[][] soft = new float[classes.size()][];
    boolean[][] on = new boolean[classes.size()][];
    for (int c = 0; c < classes.size(); c++) {
      int token = classes.get(c).promptTokens().get(0);
      double[] stageMap = stageMaps(caLayers, selfAttention, res, token);
      double[] finalMap =
          Normalize.minMax(
              Resize.bicubic(stageMap, res[res.length - 1], res[res.length - 1], side, side));
      double[] decided = finalMap;
      double threshold = beta;
      if (pamr) {
        decided =
            Normalize.minMax(
                Pamr.refine(
                    affinity, Threshold.aboveAsMask(finalMap, beta), pamrParams.iterations()));
        threshold = pamrThreshold;
      }
      soft[c] = MaskGeometry.toFloat(decided);
      on[c] = Threshold.above(decided, threshold);
    }
    return new MaskResult(
        side, side, soft, ClassLabeling.argmaxAmongOn(soft, on, MaskGeometry.labels(attention)));
  }

  /**
   * Steps 1–5 of docs/algorithms.md#seediff-code: the soft map at the last resolution of {@code
   * res}.
   */
  static double[] stageMaps(
      AttentionTensor caLayers, RowMatrix[] selfAttention, int[] res, int token) {
    double[] classMap = classCrossAttention(caLayers, token);
    double[] m = expandByCosine(selfAttention[0], otsuSeeds(classMap));
    for (int i = 1; i < res.length; i++) {
      m = refineWithBackground(m, res[i - 1], res[i], selfAttention[i]);
    }
    return m;
  }

  /**
   * Step 1: each layer's head-summed map of the token is min-max normalised, or damped to 1 % of
   * that when its unbiased variance is at most 1e-4; the layers are summed and min-max normalised.
   */
  static double[] classCrossAttention(AttentionTensor caLayers, int token) {
    int layers = caLayers.dim(0);
    double[] acc = new double[caLayers.dim(1)];
    for (int l = 0; l < layers; l++) {
      double[] m = TokenMaps.layerColumn(caLayers, l, token);
      double[] normalised = Normalize.minMax(m);
      double weight = unbiasedVariance(m) > LOW_VARIANCE ? 1.0 : LOW_VARIANCE_WEIGHT;
      for (int i = 0; i < acc.length; i++) {
        acc[i] += weight * normalised[i];
      }
    }
    return Normalize.minMax(acc);
  }

  /** Step 2: seeds where {@code uint16(255·C²)} exceeds its Otsu threshold. */
  static boolean[] otsuSeeds(double[] classMap) {
    int[] q = Otsu.squaredTo255(classMap);
    int t = Otsu.threshold(q);
    boolean[] seeds = new boolean[q.length];
    for (int i = 0; i < q.length; i++) {
      seeds[i] = q[i] > t;
    }
    return seeds;
  }

  /**
   * Step 3: min-max of the summed cosine similarity of every self-attention row to the seeds' rows.
   */
  static double[] expandByCosine(RowMatrix selfAttention, boolean[] seeds) {
    return Normalize.minMax(selfAttention.cosineSum(seeds));
  }

  /**
   * Steps 4–5: upsample bicubically to r, take the pixels at or below Otsu of {@code
   * uint16(255·I²)} as background seeds, and weight {@code minmax(I)} by {@code minmax(1 − Σ
   * cos(row, background rows))}.
   */
  static double[] refineWithBackground(
      double[] m, int fromRes, int toRes, RowMatrix selfAttention) {
    double[] up = Resize.bicubic(m, fromRes, fromRes, toRes, toRes);
    boolean[] background = otsuSeeds(up);
    for (int i = 0; i < background.length; i++) {
      background[i] = !background[i];
    }
    double[] v = selfAttention.cosineSum(background);
    double[] notBackground = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      notBackground[i] = 1.0 - v[i];
    }
    double[] weight = Normalize.minMax(notBackground);
    double[] upNorm = Normalize.minMax(up);
    double[] product = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      product[i] = upNorm[i] * weight[i];
    }
    return Normalize.minMax(product);
  }

  private static double unbiasedVariance(double[] x) {
    double mean = 0;
    for (double v : x) {
      mean += v;
    }
    mean /= x.length;
    double ss = 0;
    for (double v : x) {
      ss += (v - mean) * (v - mean);
    }
    return ss / (x.length - 1);
  }
}
