package dsgen.maskstage.eval;

/**
 * Pixel counts of (ground-truth class, predicted class) over a set of label maps. Ground-truth
 * pixels at the ignore index 255 are not counted (mmsegmentation's {@code ignore_index}). A
 * prediction of 255 is counted in the extra last column, "no class": it is then a miss of the
 * ground-truth class and a prediction of no class, as mmsegmentation's histograms (which drop
 * values outside 0..num_classes-1) count it, unless the matrix excludes such pixels (when comparing
 * two recipes, whose masks both carry ignore bands).
 */
public final class ConfusionMatrix {

  /** What a 255 in the prediction does. */
  public enum PredictionIgnore {
    /** Counted as a miss of the ground-truth class (mmsegmentation's IoUMetric). */
    MISS,
    /** The pixel is not scored at all, as if the ground truth were 255 there. */
    EXCLUDE
  }

  private final ClassList classes;
  private final PredictionIgnore predictionIgnore;
  private final int columns;
  private final long[] counts;
  private long ignoredInGroundTruth;
  private long ignoredInPrediction;

  public ConfusionMatrix(ClassList classes, PredictionIgnore predictionIgnore) {
    this.classes = classes;
    this.predictionIgnore = predictionIgnore;
    this.columns = classes.size() + 1;
    this.counts = new long[classes.size() * columns];
  }

  /**
   * Adds one pair of label maps of the same size.
   *
   * @param groundTruth row-major labels
   * @param prediction row-major labels
   * @param width for naming a pixel in an error
   * @throws LabelOutsideClassesException a label (other than 255) that no class carries
   */
  public void add(int[] groundTruth, int[] prediction, int width) {
    if (groundTruth.length != prediction.length) {
      throw new IllegalArgumentException(
          "the label maps differ in size: "
              + groundTruth.length
              + " and "
              + prediction.length
              + " pixels");
    }
    int noClass = classes.size();
    for (int p = 0; p < groundTruth.length; p++) {
      int gt = groundTruth[p];
      if (gt == ClassList.IGNORE) {
        ignoredInGroundTruth++;
        continue;
      }
      int row = classes.indexOf(gt);
      if (row < 0) {
        throw new LabelOutsideClassesException(false, gt, p % width, p / width, classes);
      }
      int predicted = prediction[p];
      int column;
      if (predicted == ClassList.IGNORE) {
        ignoredInPrediction++;
        if (predictionIgnore == PredictionIgnore.EXCLUDE) {
          continue;
        }
        column = noClass;
      } else {
        column = classes.indexOf(predicted);
        if (column < 0) {
          throw new LabelOutsideClassesException(true, predicted, p % width, p / width, classes);
        }
      }
      counts[row * columns + column]++;
    }
  }

  /** Adds the counts of another matrix over the same classes (per-thread partial sums). */
  public void addAll(ConfusionMatrix other) {
    if (other.classes != classes || other.predictionIgnore != predictionIgnore) {
      throw new IllegalArgumentException("matrices over different classes or rules");
    }
    for (int i = 0; i < counts.length; i++) {
      counts[i] += other.counts[i];
    }
    ignoredInGroundTruth += other.ignoredInGroundTruth;
    ignoredInPrediction += other.ignoredInPrediction;
  }

  public ClassList classes() {
    return classes;
  }

  public PredictionIgnore predictionIgnore() {
    return predictionIgnore;
  }

  /**
   * @param column a class index, or {@code classes().size()} for "predicted 255"
   */
  public long count(int row, int column) {
    return counts[row * columns + column];
  }

  /** Ground-truth pixels at 255, not scored. */
  public long ignoredInGroundTruth() {
    return ignoredInGroundTruth;
  }

  /** Scored ground-truth pixels predicted as 255 (counted as misses, or excluded). */
  public long ignoredInPrediction() {
    return ignoredInPrediction;
  }

  /** Pixels the ground truth carries class {@code row} on: the row's sum (mmseg's area_label). */
  public long groundTruthPixels(int row) {
    long sum = 0;
    for (int c = 0; c < columns; c++) {
      sum += count(row, c);
    }
    return sum;
  }

  /** Scored pixels predicted as class {@code column}: the column's sum (area_pred_label). */
  public long predictedPixels(int column) {
    long sum = 0;
    for (int r = 0; r < classes.size(); r++) {
      sum += count(r, column);
    }
    return sum;
  }

  /** A label in a label map that no class of the list carries. */
  public static final class LabelOutsideClassesException extends IllegalArgumentException {
    private final boolean inPrediction;

    LabelOutsideClassesException(boolean inPrediction, int label, int x, int y, ClassList classes) {
      super(
          (inPrediction ? "prediction" : "ground truth")
              + " has label "
              + label
              + " at pixel ("
              + x
              + ", "
              + y
              + "), which is not in the class list "
              + classes
              + " (255 is the ignore index)");
      this.inPrediction = inPrediction;
    }

    /** True when the label is in the prediction, false when in the ground truth. */
    public boolean inPrediction() {
      return inPrediction;
    }
  }
}
