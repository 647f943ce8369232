package dsgen.masks.pamr;

import dsgen.masks.image.RgbImage;
import java.util.Arrays;

/**
 * PAMR's affinities (Araslanov & Roth 2020, ALGORITHMS.md §5): for each pixel and each of its 8·|D| neighbours
 * {@code a_k = mean over channels of −|x − x_k| / (1e-8 + f·σ)}, σ the unbiased standard deviation of the
 * 9·|D| taps (centre once per dilation), then {@code w = softmax_k(a)}. Borders replicate. Float64, computed once
 * per image, one image row at a time; every loop runs over whole rows at equal indices so the JIT vectorises it.
 */
public final class PamrAffinity {
  private static final int CHANNELS = 3;

  private final int width;
  private final int height;
  private final int[][] offsets;
  /** {@code rows[y * P + k][x]}: weight of neighbour k of pixel (x, y). */
  private final double[][] rows;

  private PamrAffinity(int width, int height, int[][] offsets, double[][] rows) {
    this.width = width;
    this.height = height;
    this.offsets = offsets;
    this.rows = rows;
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
    double[][] rows = new double[h * p][];
    RowScratch s = new RowScratch(w, p);
    for (int y = 0; y < h; y++) {
      for (double[] l : s.logits) {
        Arrays.fill(l, 0);
      }
      for (int c = 0; c < CHANNELS; c++) {
        localScale(channels[c], w, h, y, params, s);
        addChannelLogits(channels[c], w, h, y, offsets, s);
      }
      softmaxOverNeighbours(s.logits, s.max, s.sum);
      for (int k = 0; k < p; k++) {
        rows[y * p + k] = s.logits[k].clone();
      }
    }
    return new PamrAffinity(w, h, offsets, rows);
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
      logits = new double[p][w];
      max = new double[w];
      sum = new double[w];
    }
  }

  /** {@code 1e-8 + f·σ} of one channel along row y, σ over the 9·|D| taps including the centre once per dilation. */
  private static void localScale(double[] x, int w, int h, int y, PamrParams params, RowScratch s) {
    int taps = 9 * params.dilations().length;
    double[] mean = s.mean;
    double[] ss = s.scale;
    double[] shifted = s.shifted;
    Arrays.fill(mean, 0);
    Arrays.fill(ss, 0);
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
            ss[i] += dev * dev;
          }
        }
      }
    }
    double f = params.stdFactor();
    for (int i = 0; i < w; i++) {
      ss[i] = 1e-8 + f * Math.sqrt(ss[i] / (taps - 1));
    }
  }

  /** Adds this channel's third of {@code −|x − x_k| / scale} to every neighbour's logits along row y. */
  private static void addChannelLogits(double[] x, int w, int h, int y, int[][] offsets, RowScratch s) {
    double[] centre = s.centre;
    double[] shifted = s.shifted;
    double[] scale = s.scale;
    System.arraycopy(x, y * w, centre, 0, w);
    for (int k = 0; k < offsets.length; k++) {
      Shift.row(x, w, h, y + offsets[k][0], offsets[k][1], shifted);
      double[] lk = s.logits[k];
      for (int i = 0; i < w; i++) {
        lk[i] += -Math.abs(centre[i] - shifted[i]) / scale[i] / CHANNELS;
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

  /** Weights of neighbour k along row y. */
  double[] weights(int y, int k) {
    return rows[y * offsets.length + k];
  }
}
