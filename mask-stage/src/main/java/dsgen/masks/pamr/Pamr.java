package dsgen.masks.pamr;

import dsgen.masks.image.RgbImage;

/**
 * Pixel-adaptive mask refinement (Araslanov & Roth 2020, docs/algorithms.md#pamr): {@code n} times
 * {@code m ← Σ_k w_k · m_k} over the 8·|D| neighbours with replicate borders, the affinities
 * computed once from the image. The steps run in the precision of the affinities (see {@link
 * PamrAffinity}).
 *
 * <p>Why the loop looks the way it does: 5000 iterations at 512² stream the weights 5000 times. The
 * steps run as a wavefront over rows: within a block of {@link #LEVELS} steps, step t works {@code
 * reach} rows behind step t−1, so the rows a block touches stay in the core's cache while all its
 * steps run. Two buffers suffice: row y of step t overwrites row y of step t−2 only after step t−1
 * has read it. Each row is then a straight loop over equal indices, which the JIT vectorises. The
 * result is bit-identical to running the steps one after the other.
 */
public final class Pamr {
  /** Steps per wavefront block: the weights of this many rows (×reach) stay cached. */
  static final int LEVELS = 16;

  private Pamr() {}

  /** Refines a mask at the image size (row-major, H·W). */
  public static double[] refine(RgbImage image, double[] mask, PamrParams params) {
    return refine(PamrAffinity.of(image, params), mask, params.iterations());
  }

  /** Refines a mask with precomputed affinities; the input is not modified. */
  public static double[] refine(PamrAffinity affinity, double[] mask, int iterations) {
    int w = affinity.width();
    int h = affinity.height();
    if (mask.length != w * h) {
      throw new IllegalArgumentException(
          "mask of " + mask.length + " pixels for a " + w + "x" + h + " image");
    }
    if (affinity.singlePrecision()) {
      return refineSingle(affinity, mask, iterations);
    }
    double[][] buffers = {mask.clone(), new double[mask.length]};
    Row row = new Row(w);
    int current = 0;
    for (int done = 0; done < iterations; ) {
      int levels = Math.min(LEVELS, iterations - done);
      int first = current;
      wavefront(
          affinity,
          levels,
          (y, t) ->
              propagateRow(
                  affinity, buffers[(first + t - 1) % 2], buffers[(first + t) % 2], y, row));
      current = (current + levels) % 2;
      done += levels;
    }
    return buffers[current];
  }

  private static double[] refineSingle(PamrAffinity affinity, double[] mask, int iterations) {
    float[][] buffers = {new float[mask.length], new float[mask.length]};
    for (int i = 0; i < mask.length; i++) {
      buffers[0][i] = (float) mask[i];
    }
    Row32 row = new Row32(affinity.width());
    int current = 0;
    for (int done = 0; done < iterations; ) {
      int levels = Math.min(LEVELS, iterations - done);
      int first = current;
      wavefront(
          affinity,
          levels,
          (y, t) ->
              propagateRow(
                  affinity, buffers[(first + t - 1) % 2], buffers[(first + t) % 2], y, row));
      current = (current + levels) % 2;
      done += levels;
    }
    double[] out = new double[mask.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = buffers[current][i];
    }
    return out;
  }

  /** Computes row y of step t (1-based within the block). */
  @FunctionalInterface
  private interface RowStep {
    void run(int y, int t);
  }

  /** The order of a block of {@code levels} steps: a wavefront over rows. */
  private static void wavefront(PamrAffinity affinity, int levels, RowStep step) {
    int h = affinity.height();
    int lag = Math.max(1, affinity.reach());
    int lastStep = h - 1 + lag * (levels - 1);
    for (int s = 0; s <= lastStep; s++) {
      for (int t = 1; t <= levels; t++) {
        int y = s - lag * (t - 1);
        if (y < 0) {
          break;
        }
        if (y < h) {
          step.run(y, t);
        }
      }
    }
  }

  /**
   * Row y of one step: {@code to[y] = Σ_k w_k(y) · shift_k(from)(y)}, neighbours summed in order.
   */
  static void propagateRow(PamrAffinity affinity, double[] from, double[] to, int y, Row row) {
    int w = affinity.width();
    int h = affinity.height();
    int[][] offsets = affinity.offsets();
    double[] acc = row.acc;
    double[] shifted = row.shifted;
    Shift.row(from, w, h, y + offsets[0][0], offsets[0][1], shifted);
    double[] w0 = affinity.weights(y, 0);
    for (int x = 0; x < w; x++) {
      acc[x] = w0[x] * shifted[x];
    }
    for (int k = 1; k < offsets.length; k++) {
      Shift.row(from, w, h, y + offsets[k][0], offsets[k][1], shifted);
      double[] wk = affinity.weights(y, k);
      for (int x = 0; x < w; x++) {
        acc[x] += wk[x] * shifted[x];
      }
    }
    System.arraycopy(acc, 0, to, y * w, w);
  }

  /** {@link #propagateRow(PamrAffinity, double[], double[], int, Row)} in float32. */
  static void propagateRow(PamrAffinity affinity, float[] from, float[] to, int y, Row32 row) {
    int w = affinity.width();
    int h = affinity.height();
    int[][] offsets = affinity.offsets();
    float[] acc = row.acc;
    float[] shifted = row.shifted;
    Shift.row(from, w, h, y + offsets[0][0], offsets[0][1], shifted);
    float[] w0 = affinity.weights32(y, 0);
    for (int x = 0; x < w; x++) {
      acc[x] = w0[x] * shifted[x];
    }
    for (int k = 1; k < offsets.length; k++) {
      Shift.row(from, w, h, y + offsets[k][0], offsets[k][1], shifted);
      float[] wk = affinity.weights32(y, k);
      for (int x = 0; x < w; x++) {
        acc[x] += wk[x] * shifted[x];
      }
    }
    System.arraycopy(acc, 0, to, y * w, w);
  }

  /** Per-row work arrays. */
  static final class Row {
    final double[] acc;
    final double[] shifted;

    Row(int w) {
      acc = new double[w];
      shifted = new double[w];
    }
  }

  /** Per-row work arrays, float32. */
  static final class Row32 {
    final float[] acc;
    final float[] shifted;

    Row32(int w) {
      acc = new float[w];
      shifted = new float[w];
    }
  }
}
