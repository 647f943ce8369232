package dsgen.masks.pamr;

/** A row of a plane shifted by (dy, dx) with replicate padding. */
final class Shift {
  private Shift() {}

  /** {@code dst[x] = src[clamp(y) * w + clamp(x + dx)]} for x in [0, w). */
  static void row(double[] src, int w, int h, int y, int dx, double[] dst) {
    int ys = Math.max(0, Math.min(y, h - 1)) * w;
    int lo = Math.max(0, -dx);
    int hi = Math.min(w, w - dx);
    if (lo < hi) {
      System.arraycopy(src, ys + lo + dx, dst, lo, hi - lo);
    }
    double left = src[ys];
    for (int x = 0; x < Math.min(lo, w); x++) {
      dst[x] = left;
    }
    double right = src[ys + w - 1];
    for (int x = Math.max(hi, 0); x < w; x++) {
      dst[x] = right;
    }
  }

  /** {@code dst[x] = src[clamp(y) * w + clamp(x + dx)]} for x in [0, w). */
  static void row(float[] src, int w, int h, int y, int dx, float[] dst) {
    int ys = Math.max(0, Math.min(y, h - 1)) * w;
    int lo = Math.max(0, -dx);
    int hi = Math.min(w, w - dx);
    if (lo < hi) {
      System.arraycopy(src, ys + lo + dx, dst, lo, hi - lo);
    }
    float left = src[ys];
    for (int x = 0; x < Math.min(lo, w); x++) {
      dst[x] = left;
    }
    float right = src[ys + w - 1];
    for (int x = Math.max(hi, 0); x < w; x++) {
      dst[x] = right;
    }
  }
}
