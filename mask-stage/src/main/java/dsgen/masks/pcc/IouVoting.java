package dsgen.masks.pcc;

import java.util.Arrays;

/**
 * Names the class-agnostic segments for one confidence (docs/algorithms.md#pcc-blocky, step 2): a
 * class's region is its activation above the confidence (background: above {@code bgFactor ×
 * confidence}); every segment touching the region scores the IoU of segment and region for that
 * class; each position takes the label of the class with the highest score of its segment (first
 * row, i.e. lowest label id, on ties, so background when no region touches it).
 */
public final class IouVoting {
  private IouVoting() {}

  /**
   * @return label id per position (row-major R×R)
   */
  public static int[] labels(
      ConnectedComponents segments,
      ClassActivations activations,
      double confidence,
      double bgFactor) {
    int[] ids = segments.ids();
    int n = ids.length;
    double[] bestIou = new double[n];
    int[] bestRow = new int[n];
    int[] intersection = new int[segments.count() + 1];
    double[] iou = new double[segments.count() + 1];
    double[][] maps = activations.maps();
    for (int row = 0; row < maps.length; row++) {
      if (activations.isEmpty(row)) {
        continue;
      }
      double threshold = row == 0 ? bgFactor * confidence : confidence;
      double[] a = maps[row];
      Arrays.fill(intersection, 0);
      int regionSize = 0;
      for (int p = 0; p < n; p++) {
        if (a[p] > threshold) {
          regionSize++;
          intersection[ids[p]]++;
        }
      }
      for (int s = 1; s <= segments.count(); s++) {
        int inter = intersection[s];
        iou[s] = inter == 0 ? 0 : (double) inter / (regionSize + segments.sizes()[s] - inter);
      }
      for (int p = 0; p < n; p++) {
        double v = iou[ids[p]];
        if (v > bestIou[p]) {
          bestIou[p] = v;
          bestRow[p] = row;
        }
      }
    }
    int[] labels = new int[n];
    for (int p = 0; p < n; p++) {
      labels[p] = activations.labels()[bestRow[p]];
    }
    return labels;
  }
}
