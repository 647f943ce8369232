package dsgen.masks.ops;

/**
 * Resampling of row-major maps, separable, horizontal pass first (as OpenCV). Coordinates follow
 * docs/algorithms.md#resampling: half-pixel centres except for bilinear with align_corners.
 */
public final class Resize {
  private static final double CUBIC_A = -0.75;

  private Resize() {}

  /**
   * Bicubic as {@code cv2.resize(INTER_CUBIC)} and {@code torch interpolate(bicubic,
   * align_corners=False)}: Keys kernel A = −0.75, taps clamped to the border, result not clamped
   * (the undershoot matters to SeeDiff).
   */
  public static double[] bicubic(double[] src, int h, int w, int outH, int outW) {
    return bicubic(src, h, w, outH, outW, new double[outH * outW]);
  }

  /**
   * {@link #bicubic(double[], int, int, int, int)} into {@code out} (outH·outW values), which it
   * returns.
   */
  public static double[] bicubic(double[] src, int h, int w, int outH, int outW, double[] out) {
    Taps cols = cubicTaps(w, outW);
    Taps rows = cubicTaps(h, outH);
    double[] tmp = new double[h * outW];
    for (int y = 0; y < h; y++) {
      applyAlongRow(src, y * w, cols, tmp, y * outW);
    }
    return applyAlongColumns(tmp, outW, rows, outH, out);
  }

  /** Bilinear; align_corners=False is torch's default and cv2 INTER_LINEAR. */
  public static double[] bilinear(
      double[] src, int h, int w, int outH, int outW, boolean alignCorners) {
    Taps cols = linearTaps(w, outW, alignCorners);
    Taps rows = linearTaps(h, outH, alignCorners);
    double[] tmp = new double[h * outW];
    for (int y = 0; y < h; y++) {
      applyAlongRow(src, y * w, cols, tmp, y * outW);
    }
    return applyAlongColumns(tmp, outW, rows, outH, new double[outH * outW]);
  }

  /** Nearest neighbour, source = floor(d · in / out) (cv2 INTER_NEAREST, torch "nearest"). */
  public static double[] nearest(double[] src, int h, int w, int outH, int outW) {
    double[] out = new double[outH * outW];
    for (int y = 0; y < outH; y++) {
      int sy = Math.min((int) Math.floor(y * ((double) h / outH)), h - 1);
      for (int x = 0; x < outW; x++) {
        int sx = Math.min((int) Math.floor(x * ((double) w / outW)), w - 1);
        out[y * outW + x] = src[sy * w + sx];
      }
    }
    return out;
  }

  /** For each output position the source indices and weights of its taps. */
  private record Taps(int count, int[] index, double[] weight) {}

  private static Taps cubicTaps(int in, int out) {
    int[] index = new int[out * 4];
    double[] weight = new double[out * 4];
    double scale = (double) in / out;
    for (int d = 0; d < out; d++) {
      double s = (d + 0.5) * scale - 0.5;
      int i0 = (int) Math.floor(s);
      double t = s - i0;
      double[] wts = keysWeights(t);
      for (int k = 0; k < 4; k++) {
        index[d * 4 + k] = clamp(i0 - 1 + k, in);
        weight[d * 4 + k] = wts[k];
      }
    }
    return new Taps(4, index, weight);
  }

  /**
   * Keys cubic convolution weights of the taps at −1, 0, 1, 2 for a fractional offset t in [0, 1).
   */
  static double[] keysWeights(double t) {
    double a = CUBIC_A;
    double w0 = ((a * (t + 1) - 5 * a) * (t + 1) + 8 * a) * (t + 1) - 4 * a;
    double w1 = ((a + 2) * t - (a + 3)) * t * t + 1;
    double w2 = ((a + 2) * (1 - t) - (a + 3)) * (1 - t) * (1 - t) + 1;
    double w3 = 1.0 - w0 - w1 - w2;
    return new double[] {w0, w1, w2, w3};
  }

  private static Taps linearTaps(int in, int out, boolean alignCorners) {
    int[] index = new int[out * 2];
    double[] weight = new double[out * 2];
    for (int d = 0; d < out; d++) {
      double s;
      if (alignCorners) {
        s = d * (out > 1 ? (in - 1) / (double) (out - 1) : 0.0);
      } else {
        s = Math.max((d + 0.5) * ((double) in / out) - 0.5, 0.0);
      }
      int i0 = Math.min((int) Math.floor(s), in - 1);
      int i1 = Math.min(i0 + 1, in - 1);
      double lambda = s - i0;
      index[d * 2] = i0;
      index[d * 2 + 1] = i1;
      weight[d * 2] = 1 - lambda;
      weight[d * 2 + 1] = lambda;
    }
    return new Taps(2, index, weight);
  }

  private static void applyAlongRow(double[] src, int srcOff, Taps taps, double[] dst, int dstOff) {
    int n = taps.count();
    int out = taps.index().length / n;
    for (int d = 0; d < out; d++) {
      double acc = 0;
      for (int k = 0; k < n; k++) {
        acc += src[srcOff + taps.index()[d * n + k]] * taps.weight()[d * n + k];
      }
      dst[dstOff + d] = acc;
    }
  }

  private static double[] applyAlongColumns(
      double[] src, int w, Taps taps, int outH, double[] out) {
    double[] row = new double[w];
    for (int d = 0; d < outH; d++) {
      if (taps.count() == 4) {
        cubicRow(src, w, taps, d, row);
      } else {
        linearRow(src, w, taps, d, row);
      }
      System.arraycopy(row, 0, out, d * w, w);
    }
    return out;
  }

  /**
   * One output row from its four source rows, summed in tap order (as OpenCV and the reference do).
   */
  private static void cubicRow(double[] src, int w, Taps taps, int d, double[] row) {
    int s0 = taps.index()[d * 4] * w;
    int s1 = taps.index()[d * 4 + 1] * w;
    int s2 = taps.index()[d * 4 + 2] * w;
    int s3 = taps.index()[d * 4 + 3] * w;
    double w0 = taps.weight()[d * 4];
    double w1 = taps.weight()[d * 4 + 1];
    double w2 = taps.weight()[d * 4 + 2];
    double w3 = taps.weight()[d * 4 + 3];
    for (int x = 0; x < w; x++) {
      row[x] = src[s0 + x] * w0 + src[s1 + x] * w1 + src[s2 + x] * w2 + src[s3 + x] * w3;
    }
  }

  private static void linearRow(double[] src, int w, Taps taps, int d, double[] row) {
    int s0 = taps.index()[d * 2] * w;
    int s1 = taps.index()[d * 2 + 1] * w;
    double w0 = taps.weight()[d * 2];
    double w1 = taps.weight()[d * 2 + 1];
    for (int x = 0; x < w; x++) {
      row[x] = src[s0 + x] * w0 + src[s1 + x] * w1;
    }
  }

  private static int clamp(int i, int n) {
    return Math.max(0, Math.min(i, n - 1));
  }
}
