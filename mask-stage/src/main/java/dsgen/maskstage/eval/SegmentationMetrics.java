package dsgen.maskstage.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * The metrics of mmsegmentation's {@code IoUMetric} (mIoU) from a confusion matrix summed over the
 * whole dataset, as it sums its per-image histograms before dividing:
 *
 * <ul>
 *   <li>per class: IoU = intersection / union, Acc = intersection / ground-truth pixels, where
 *       union = predicted + ground-truth − intersection; 0/0 is NaN (a class absent from both sides
 *       has no IoU; absent from the ground truth, no Acc);
 *   <li>mIoU, mAcc = the mean over the classes whose value is not NaN ({@code np.nanmean});
 *   <li>aAcc = Σ intersection / Σ ground-truth pixels.
 * </ul>
 *
 * Counts are exact 64-bit integers and ratios doubles; mmsegmentation accumulates in float32, which
 * is the same up to float32 rounding (counts above 2^24 pixels of one class).
 */
public record SegmentationMetrics(
    List<ClassMetrics> classes, double aAcc, double mIoU, double mAcc) {

  /** One class's counts and ratios; NaN where the ratio is 0/0. */
  public record ClassMetrics(
      int label,
      String name,
      long intersection,
      long union,
      long groundTruthPixels,
      long predictedPixels,
      double iou,
      double acc) {}

  public static SegmentationMetrics of(ConfusionMatrix m) {
    List<ClassMetrics> out = new ArrayList<>();
    long intersections = 0;
    long groundTruth = 0;
    for (int k = 0; k < m.classes().size(); k++) {
      long intersection = m.count(k, k);
      long label = m.groundTruthPixels(k);
      long predicted = m.predictedPixels(k);
      long union = predicted + label - intersection;
      out.add(
          new ClassMetrics(
              m.classes().label(k),
              m.classes().name(k),
              intersection,
              union,
              label,
              predicted,
              ratio(intersection, union),
              ratio(intersection, label)));
      intersections += intersection;
      groundTruth += label;
    }
    return new SegmentationMetrics(
        List.copyOf(out),
        ratio(intersections, groundTruth),
        nanMean(out.stream().mapToDouble(ClassMetrics::iou).toArray()),
        nanMean(out.stream().mapToDouble(ClassMetrics::acc).toArray()));
  }

  /** A fraction as mmsegmentation reports it: {@code np.round(value * 100, 2)}, half to even. */
  public static double percent(double fraction) {
    return Math.rint(fraction * 100 * 100) / 100;
  }

  private static double ratio(long numerator, long denominator) {
    return denominator == 0 ? Double.NaN : (double) numerator / denominator;
  }

  /** Mean of the values that are not NaN; NaN when all are (as {@code np.nanmean}). */
  static double nanMean(double[] values) {
    double sum = 0;
    int n = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        sum += v;
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }
}
