package dsgen.diffusion.capture;

/** Host-side resizing of square maps, with the sampling rules of docs/algorithms.md#resampling. */
final class Resize {
  private Resize() {}

  /**
   * Bilinear resize of an {@code in}×{@code in} map to {@code out}×{@code out}, align_corners=false
   * without antialiasing (torch's {@code interpolate(mode="bilinear")}): source s =
   * max((d+0.5)·in/out − 0.5, 0).
   */
  static double[] bilinear(double[] map, int in, int out) {
    if (in == out) {
      return map.clone();
    }
    int[] i0 = new int[out];
    int[] i1 = new int[out];
    double[] frac = new double[out];
    double ratio = in / (double) out;
    for (int d = 0; d < out; d++) {
      double s = Math.max((d + 0.5) * ratio - 0.5, 0);
      i0[d] = Math.min((int) Math.floor(s), in - 1);
      i1[d] = Math.min(i0[d] + 1, in - 1);
      frac[d] = s - i0[d];
    }
    double[] rows = new double[out * in];
    for (int y = 0; y < out; y++) {
      for (int x = 0; x < in; x++) {
        rows[y * in + x] = (1 - frac[y]) * map[i0[y] * in + x] + frac[y] * map[i1[y] * in + x];
      }
    }
    double[] result = new double[out * out];
    for (int y = 0; y < out; y++) {
      for (int x = 0; x < out; x++) {
        result[y * out + x] = (1 - frac[x]) * rows[y * in + i0[x]] + frac[x] * rows[y * in + i1[x]];
      }
    }
    return result;
  }

  /** Nearest source index of destination index d (torch "nearest": floor(d·in/out)). */
  static int nearest(int d, int in, int out) {
    return Math.min((int) Math.floor(d * (double) in / out), in - 1);
  }
}
