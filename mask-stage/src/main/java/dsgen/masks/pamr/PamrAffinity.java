package dsgen.masks.pamr;

import dsgen.masks.image.RgbImage;

/**
 * PAMR's affinities (Araslanov & Roth 2020, ALGORITHMS.md §5): for each pixel and each of its 8·|D| neighbours
 * {@code a_k = mean over channels of −|x − x_k| / (1e-8 + f·σ)}, σ the unbiased standard deviation of the
 * 9·|D| taps (centre once per dilation), then {@code w = softmax_k(a)}. Borders replicate. Computed once per image;
 * float64.
 */
public final class PamrAffinity {
  private final int width;
  private final int height;
  private final int[][] offsets;
  private final double[][] weights;

  private PamrAffinity(int width, int height, int[][] offsets, double[][] weights) {
    this.width = width;
    this.height = height;
    this.offsets = offsets;
    this.weights = weights;
  }

  public static PamrAffinity of(RgbImage image, PamrParams params) {
    int w = image.width();
    int h = image.height();
    double[][] channels = new double[3][];
    for (int c = 0; c < 3; c++) {
      float[] ch = image.channel(c);
      channels[c] = new double[ch.length];
      for (int i = 0; i < ch.length; i++) {
        channels[c][i] = ch[i];
      }
    }
    int[][] offsets = params.offsets();
    double[][] logits = new double[offsets.length][w * h];
    double[] shifted = new double[w];
    double[] mean = new double[w];
    double[] scale = new double[w];
    for (int c = 0; c < 3; c++) {
      for (int y = 0; y < h; y++) {
        localStdDenominator(channels[c], w, h, y, params, shifted, mean, scale);
        addChannelLogits(channels[c], w, h, y, offsets, scale, shifted, logits);
      }
    }
    softmaxOverNeighbours(logits, w * h);
    return new PamrAffinity(w, h, offsets, logits);
  }

  /** {@code 1e-8 + f·σ} for row y of one channel, σ over the 9·|D| taps including the centre once per dilation. */
  private static void localStdDenominator(double[] x, int w, int h, int y, PamrParams params, double[] shifted,
                                          double[] mean, double[] out) {
    int taps = 9 * params.dilations().length;
    java.util.Arrays.fill(mean, 0);
    java.util.Arrays.fill(out, 0);
    for (int d : params.dilations()) {
      for (int dy = -d; dy <= d; dy += d) {
        for (int dx = -d; dx <= d; dx += d) {
          Shift.row(x, w, h, y + dy, dx, shifted);
          for (int i = 0; i < w; i++) {
            mean[i] += shifted[i];
          }
        }
      }
    }
    for (int i = 0; i < w; i++) {
      mean[i] /= taps;
    }
    for (int d : params.dilations()) {
      for (int dy = -d; dy <= d; dy += d) {
        for (int dx = -d; dx <= d; dx += d) {
          Shift.row(x, w, h, y + dy, dx, shifted);
          for (int i = 0; i < w; i++) {
            double dev = shifted[i] - mean[i];
            out[i] += dev * dev;
          }
        }
      }
    }
    double f = params.stdFactor();
    for (int i = 0; i < w; i++) {
      out[i] = 1e-8 + f * Math.sqrt(out[i] / (taps - 1));
    }
  }

  /** Adds this channel's share (a third) of {@code −|x − x_k| / denominator} to every neighbour's logits. */
  private static void addChannelLogits(double[] x, int w, int h, int y, int[][] offsets, double[] denominator,
                                       double[] shifted, double[][] logits) {
    int row = y * w;
    for (int k = 0; k < offsets.length; k++) {
      Shift.row(x, w, h, y + offsets[k][0], offsets[k][1], shifted);
      double[] lk = logits[k];
      for (int i = 0; i < w; i++) {
        lk[row + i] += -Math.abs(x[row + i] - shifted[i]) / denominator[i] / 3.0;
      }
    }
  }

  private static void softmaxOverNeighbours(double[][] logits, int n) {
    int p = logits.length;
    for (int i = 0; i < n; i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < p; k++) {
        max = Math.max(max, logits[k][i]);
      }
      double sum = 0;
      for (int k = 0; k < p; k++) {
        double e = Math.exp(logits[k][i] - max);
        logits[k][i] = e;
        sum += e;
      }
      for (int k = 0; k < p; k++) {
        logits[k][i] /= sum;
      }
    }
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  int[][] offsets() {
    return offsets;
  }

  /** Weight planes, one per neighbour offset, row-major. */
  double[][] weights() {
    return weights;
  }
}
