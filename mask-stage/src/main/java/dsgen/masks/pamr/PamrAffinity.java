package dsgen.masks.pamr;

import dsgen.masks.image.RgbImage;
import java.util.Arrays;

/**
 * PAMR's affinities (Araslanov & Roth 2020, docs/algorithms.md#pamr): for each pixel and each of
 * its 8·|D| neighbours {@code a_k = mean over channels of −|x − x_k| / (1e-8 + f·σ)}, σ the
 * unbiased standard deviation of the 9·|D| taps (centre once per dilation), then {@code w =
 * softmax_k(a)}. Borders replicate. Computed once per image in float64, one image row at a time;
 * every loop runs over whole rows at equal indices so the JIT vectorises it.
 *
 * <p>Kept in float64 for long refinements and in float32 for short ones (at most {@value
 * #SINGLE_PRECISION_MAX_ITERATIONS} iterations, e.g. the original 6 dilations × 10): float32
 * doubles the SIMD width and halves the memory the iterations stream, and over a few steps its
 * rounding stays below 1e-6, while over SeeDiff's 5000 steps it reaches 7e-5 of the 1e-4
 * conformance tolerance.
 */
public final class PamrAffinity {
  private static final int CHANNELS = 3;
  static final int SINGLE_PRECISION_MAX_ITERATIONS = 100;

  private final int width;
  private final int height;
  private final int[][] offsets;

  /** {@code rows[y * P + k][x]}: weight of neighbour k of pixel (x, y); one of the two is null. */
  private final double[][] rows;

  private final float[][] rows32;

  private PamrAffinity(int width, int height, int[][] offsets, double[][] rows, float[][] rows32) {
    this.width = width;
    this.height = height;
    this.offsets = offsets;
    this.rows = rows;
    this.rows32 = rows32;
  }

  public static PamrAffinity of(RgbImage image, PamrParams params) {
    int w = image.width();
    int h = image.height();
    double[][] channels = new double[CHANNELS][];
    for (int c = 0; c < CHANNELS; c++) {
      float[] ch = image.channel(c);
      channels[c] = new double[ch.length];
      for (int i = 0; i < ch.length; i++) {
        channels[c][i] = ch[i];
      }
    }
    int[][] offsets = params.offsets();
    int p = offsets.length;
    boolean single = params.iterations() <= SINGLE_PRECISION_MAX_ITERATIONS;
    double[][] rows = single ? null : new double[h * p][];
    float[][] rows32 = single ? new float[h * p][] : null;
    RowScratch s = new RowScratch(w, p);
    for (int y = 0; y < h; y++) {
      for (int k = 0; k < p; k++) {
        s.logits[k] = new double[w];
      }
      for (int c = 0; c < CHANNELS; c++) {
        localScale(channels[c], w, h, y, params, s);
        addChannelLogits(channels[c], w, h, y, offsets, s);
      }
      softmaxOverNeighbours(s.logits, s.max, s.sum);
      for (int k = 0; k < p; k++) {
        if (single) {
          rows32[y * p + k] = toFloat(s.logits[k]);
        } else {
          rows[y * p + k] = s.logits[k];
        }
      }
    }
    return new PamrAffinity(w, h, offsets, rows, rows32);
  }

  private static float[] toFloat(double[] x) {
    float[] out = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = (float) x[i];
    }
    return out;
  }

  /** Per-row work arrays. */
  private static final class RowScratch {
    final double[] centre;
    final double[] shifted;
    final double[] mean;
    final double[] scale;
    final double[][] logits;
    final double[] max;
    final double[] sum;

    RowScratch(int w, int p) {
      centre = new double[w];
      shifted = new double[w];
      mean = new double[w];
      scale = new double[w];
      logits = new double[p][];
      max = new double[w];
      sum = new double[w];
    }
  }

  /**
   * {@code 1 / (3·(1e-8 + f·σ))} of one channel along row y, σ the unbiased standard deviation of
   * the 9·|D| taps (centre once per dilation). One pass of Σx and Σx²: the pixel values are
   * integers 0..255, so both sums and hence the variance are exact in float64.
   */
  private static void localScale(double[] x, int w, int h, int y, PamrParams params, RowScratch s) {
    int taps = 9 * params.dilations().length;
    double[] sum = s.mean;
    double[] squares = s.scale;
    double[] shifted = s.shifted;
    Arrays.fill(sum, 0);
    Arrays.fill(squares, 0);
    for (int d : params.dilations()) {
      for (int dy = -d; dy <= d; dy += d) {
        for (int dx = -d; dx <= d; dx += d) {
          Shift.row(x, w, h, y + dy, dx, shifted);
          for (int i = 0; i < w; i++) {
            sum[i] += shifted[i];
            squares[i] += shifted[i] * shifted[i];
          }
        }
      }
    }
    double f = params.stdFactor();
    for (int i = 0; i < w; i++) {
      double variance = (squares[i] - sum[i] * sum[i] / taps) / (taps - 1);
      squares[i] = 1.0 / (CHANNELS * (1e-8 + f * Math.sqrt(Math.max(variance, 0))));
    }
  }

  /**
   * Adds this channel's third of {@code −|x − x_k| / (1e-8 + f·σ)} to every neighbour's logits
   * along row y.
   */
  private static void addChannelLogits(
      double[] x, int w, int h, int y, int[][] offsets, RowScratch s) {
    double[] centre = s.centre;
    double[] shifted = s.shifted;
    double[] inverseScale = s.scale;
    System.arraycopy(x, y * w, centre, 0, w);
    for (int k = 0; k < offsets.length; k++) {
      Shift.row(x, w, h, y + offsets[k][0], offsets[k][1], shifted);
      double[] lk = s.logits[k];
      for (int i = 0; i < w; i++) {
        lk[i] -= Math.abs(centre[i] - shifted[i]) * inverseScale[i];
      }
    }
  }

  private static void softmaxOverNeighbours(double[][] logits, double[] max, double[] sum) {
    int w = max.length;
    System.arraycopy(logits[0], 0, max, 0, w);
    for (int k = 1; k < logits.length; k++) {
      double[] lk = logits[k];
      for (int i = 0; i < w; i++) {
        max[i] = Math.max(max[i], lk[i]);
      }
    }
    Arrays.fill(sum, 0);
    for (double[] lk : logits) {
      for (int i = 0; i < w; i++) {
        lk[i] = Math.exp(lk[i] - max[i]);
        sum[i] += lk[i];
      }
    }
    for (double[] lk : logits) {
      for (int i = 0; i < w; i++) {
        lk[i] /= sum[i];
      }
    }
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** Neighbour offsets (dy, dx), in the order of the weights. */
  int[][] offsets() {
    return offsets;
  }

  /** Largest |dy| of the neighbourhood: how many rows a PAMR step reaches. */
  int reach() {
    int r = 0;
    for (int[] o : offsets) {
      r = Math.max(r, Math.abs(o[0]));
    }
    return r;
  }

  /** Whether the weights (and so the iterations) are float32. */
  boolean singlePrecision() {
    return rows32 != null;
  }

  /** Weight of neighbour k of pixel (x, y), whatever the precision. */
  public double weight(int x, int y, int k) {
    return rows32 != null ? rows32[y * offsets.length + k][x] : rows[y * offsets.length + k][x];
  }

  /** Weights of neighbour k along row y (float64 affinities). */
  double[] weights(int y, int k) {
    return rows[y * offsets.length + k];
  }

  /** Weights of neighbour k along row y (float32 affinities). */
  float[] weights32(int y, int k) {
    return rows32[y * offsets.length + k];
  }
}
