package dsgen.maskstage.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** IoU, Acc, aAcc and their means from counted pixels, by hand. */
class SegmentationMetricsTest {

  private static final ClassList TWO = new ClassList(Map.of(0, "background", 1, "cat"));
  private static final int I = 255;

  // ground truth and prediction, 4×4, row-major
  private static final int[] GT = {
    0, 0, 0, 0, //
    0, 1, 1, 0, //
    0, 1, 1, I, //
    I, 1, 1, 1
  };
  private static final int[] PRED = {
    0, 0, 1, 0, //
    0, 1, 0, 0, //
    0, 1, 1, 1, //
    0, I, 1, 0
  };

  /**
   * Counted pixel by pixel from GT and PRED above (rows: ground truth 0, 1; columns: predicted 0,
   * 1, 255); the two GT-255 pixels are not counted.
   */
  private static final long[][] CONFUSION = {
    {6, 1, 0},
    {2, 4, 1}
  };

  @Test
  void aHandCountedTwoClassCaseGivesTheExactIous() {
    ConfusionMatrix m = new ConfusionMatrix(TWO, ConfusionMatrix.PredictionIgnore.MISS);
    m.add(GT, PRED, 4);
    for (int r = 0; r < 2; r++) {
      assertArrayEquals(CONFUSION[r], new long[] {m.count(r, 0), m.count(r, 1), m.count(r, 2)});
    }
    assertEquals(2, m.ignoredInGroundTruth());
    assertEquals(1, m.ignoredInPrediction());

    SegmentationMetrics s = SegmentationMetrics.of(m);
    // background: intersection 6, union = predicted (6+2) + ground truth (6+1+0) - 6 = 9
    // cat: intersection 4, union = predicted (1+4) + ground truth (2+4+1) - 4 = 8; the pixel
    // predicted 255 is a miss of cat (in its ground truth, in no prediction)
    assertEquals(6.0 / 9, s.classes().get(0).iou(), 0.0);
    assertEquals(4.0 / 8, s.classes().get(1).iou(), 0.0);
    assertEquals(6.0 / 7, s.classes().get(0).acc(), 0.0);
    assertEquals(4.0 / 7, s.classes().get(1).acc(), 0.0);
    assertEquals(10.0 / 14, s.aAcc(), 0.0);
    assertEquals((6.0 / 9 + 4.0 / 8) / 2, s.mIoU(), 0.0);
    assertEquals((6.0 / 7 + 4.0 / 7) / 2, s.mAcc(), 0.0);
    assertEquals(List.of(9L, 8L), s.classes().stream().map(c -> c.union()).toList());
  }

  @Test
  void whatThePredictionSaysWhereTheGroundTruthIs255ChangesNothing() {
    int[] other = PRED.clone();
    other[11] = 0; // GT 255 at (3, 2)
    other[12] = 1; // GT 255 at (0, 3)
    ConfusionMatrix a = new ConfusionMatrix(TWO, ConfusionMatrix.PredictionIgnore.MISS);
    a.add(GT, PRED, 4);
    ConfusionMatrix b = new ConfusionMatrix(TWO, ConfusionMatrix.PredictionIgnore.MISS);
    b.add(GT, other, 4);
    assertEquals(SegmentationMetrics.of(a), SegmentationMetrics.of(b));
  }

  @Test
  void excludingPredicted255LeavesThosePixelsOut() {
    ConfusionMatrix m = new ConfusionMatrix(TWO, ConfusionMatrix.PredictionIgnore.EXCLUDE);
    m.add(GT, PRED, 4);
    assertEquals(0, m.count(1, 2));
    assertEquals(6, m.groundTruthPixels(1), "the cat pixel predicted 255 is not scored");
    assertEquals(4.0 / 7, SegmentationMetrics.of(m).classes().get(1).iou(), 0.0);
  }

  @Test
  void aClassOnNeitherSideHasNoIouAndIsLeftOutOfTheMeans() {
    ClassList three = new ClassList(Map.of(0, "background", 1, "cat", 2, "dog", 3, "bird"));
    ConfusionMatrix m = new ConfusionMatrix(three, ConfusionMatrix.PredictionIgnore.MISS);
    // dog never appears; bird is predicted once but is in no ground truth
    m.add(new int[] {0, 0, 1, 1}, new int[] {0, 3, 1, 1}, 4);
    SegmentationMetrics s = SegmentationMetrics.of(m);
    assertTrue(Double.isNaN(s.classes().get(2).iou()), "dog: 0/0");
    assertTrue(Double.isNaN(s.classes().get(2).acc()));
    assertEquals(0.0, s.classes().get(3).iou(), 0.0, "bird: 0 / 1");
    assertTrue(Double.isNaN(s.classes().get(3).acc()), "bird: 0/0 ground truth");
    // background 1/2, cat 2/2, bird 0/1; dog left out
    assertEquals((0.5 + 1.0 + 0.0) / 3, s.mIoU(), 0.0);
    assertEquals((0.5 + 1.0) / 2, s.mAcc(), 0.0);
  }

  @Test
  void aLabelOutsideTheClassListIsAnErrorNamingLabelPixelAndSide() {
    ConfusionMatrix m = new ConfusionMatrix(TWO, ConfusionMatrix.PredictionIgnore.MISS);
    var gt =
        assertThrows(
            ConfusionMatrix.LabelOutsideClassesException.class,
            () -> m.add(new int[] {0, 7}, new int[] {0, 0}, 2));
    assertEquals(
        "ground truth has label 7 at pixel (1, 0), which is not in the class list"
            + " [0 background, 1 cat] (255 is the ignore index)",
        gt.getMessage());
    var pred =
        assertThrows(
            ConfusionMatrix.LabelOutsideClassesException.class,
            () -> m.add(new int[] {0, 0, 1, 1}, new int[] {0, 0, 0, 9}, 2));
    assertTrue(pred.inPrediction());
    assertTrue(pred.getMessage().startsWith("prediction has label 9 at pixel (1, 1)"));
  }

  @Test
  void percentagesRoundAsNumpyDoes() {
    assertEquals(66.67, SegmentationMetrics.percent(6.0 / 9), 0.0);
    assertEquals(71.43, SegmentationMetrics.percent(10.0 / 14), 0.0);
    assertEquals(12.5, SegmentationMetrics.percent(0.125), 0.0);
  }
}
