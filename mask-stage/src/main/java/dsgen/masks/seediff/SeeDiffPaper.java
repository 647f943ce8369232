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
 * SeeDiff as the paper describes it (Eq. 5–12, docs/algorithms.md#seediff): seeds where the
 * max-normalised class cross-attention reaches alpha, expanded by the mean self-attention of the
 * seeds, re-seeded after a bilinear upsample at every finer resolution, refined by the background
 * at the last one, upsampled to the image, optionally refined by PAMR, and thresholded at beta. The
 * choices the paper leaves open are dsgen's (docs/algorithms.md#seediff): head-mean maxnorm
 * aggregates, every map max-normalised, {@code ≥ alpha} seeds, bilinear upsampling. Multi-token
 * class names: tokens summed.
 */
public final class SeeDiffPaper implements MaskMethod {
  @Override
  public MaskResult compute(AttentionFile attention, RgbImage image, Recipe recipe) {
    int side = MaskGeometry.side(attention, image);
    int[] res = recipe.intsParam("res");
    AttentionTensor ca =
        attention.require(TensorName.of(TensorFamily.CA_MAXNORM, res[0]), recipe.recipeId());
    RowMatrix[] selfAttention = new RowMatrix[res.length];
    for (int i = 0; i < res.length; i++) {
      selfAttention[i] =
          new RowMatrix(
              attention.require(TensorName.of(TensorFamily.SA_MAXNORM, res[i]), recipe.recipeId()));
    }
    double alpha = recipe.doubleParam("alpha");
    double beta = recipe.doubleParam("beta");
    boolean background = recipe.boolParam("background");
    boolean pamr = recipe.boolParam("pamr");
    PamrParams pamrParams =
        new PamrParams(
            recipe.intParam("pamr-iters"),
            recipe.intsParam("pamr-dilations"),
            recipe.doubleParam("pamr-std-factor"));
    PamrAffinity affinity = pamr ? PamrAffinity.of(image, pamrParams) : null;

    List<AttentionClass> classes = attention.metadata().classes();
    float[][] soft = new float[classes.size()][];
    boolean[][] on = new boolean[classes.size()][];
    for (int c = 0; c < classes.size(); c++) {
      double[] m =
          coarseToFine(ca, selfAttention, res, classes.get(c).promptTokens(), alpha, background);
      int last = res[res.length - 1];
      double[] f = Resize.bilinear(m, last, last, side, side, false);
      if (pamr) {
        f = Pamr.refine(affinity, f, pamrParams.iterations());
      }
      soft[c] = MaskGeometry.toFloat(f);
      on[c] = Threshold.above(f, beta);
    }
    return new MaskResult(
        side, side, soft, ClassLabeling.argmaxAmongOn(soft, on, MaskGeometry.labels(attention)));
  }

  /** The stage map at the last resolution of {@code res}, background-refined when asked. */
  static double[] coarseToFine(
      AttentionTensor ca,
      RowMatrix[] selfAttention,
      int[] res,
      List<Integer> tokens,
      double alpha,
      boolean background) {
    boolean[] seeds = seedsFromCrossAttention(TokenMaps.sumOfColumns(ca, tokens), alpha);
    double[] m = expandRegion(selfAttention[0], seeds);
    for (int i = 1; i < res.length; i++) {
      m = expandRegion(selfAttention[i], reseed(m, res[i - 1], res[i], alpha));
    }
    if (background) {
      m = refineWithBackground(m, selfAttention[res.length - 1], alpha);
    }
    return m;
  }

  /** Eq. 6: seeds where the max-normalised class cross-attention reaches alpha. */
  static boolean[] seedsFromCrossAttention(double[] classMap, double alpha) {
    return Threshold.atLeast(Normalize.maxNorm(classMap), alpha);
  }

  /**
   * Eq. 7: the max-normalised mean self-attention row of the seeds (attention mass the seeds send).
   */
  static double[] expandRegion(RowMatrix selfAttention, boolean[] seeds) {
    return Normalize.maxNorm(selfAttention.meanOfRows(seeds));
  }

  /**
   * Eq. 8: bilinear upsample of the previous stage, max-normalised, seeds where it reaches alpha.
   */
  static boolean[] reseed(double[] m, int fromRes, int toRes, double alpha) {
    double[] up = Normalize.maxNorm(Resize.bilinear(m, fromRes, fromRes, toRes, toRes, false));
    return Threshold.atLeast(up, alpha);
  }

  /**
   * Eq. 9–10: background seeds where {@code 1 − M ≥ alpha}, expanded, and {@code M ← (1 − M_bg) ⊙
   * M}.
   */
  static double[] refineWithBackground(double[] m, RowMatrix selfAttention, double alpha) {
    double[] inverse = new double[m.length];
    for (int i = 0; i < m.length; i++) {
      inverse[i] = 1.0 - m[i];
    }
    double[] bg = expandRegion(selfAttention, Threshold.atLeast(inverse, alpha));
    double[] out = new double[m.length];
    for (int i = 0; i < m.length; i++) {
      out[i] = (1.0 - bg[i]) * m[i];
    }
    return out;
  }
}
