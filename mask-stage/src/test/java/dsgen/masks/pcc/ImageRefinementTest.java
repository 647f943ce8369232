package dsgen.masks.pcc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ImageRefinementTest {

  @Test
  void segmentTakesItsLabelOnlyWithMoreThanTwiceTheRunnerUp() {
    int[] segments = {1, 1, 1, 1, 2, 2, 2, 0, 0, 0};
    int[] blocky = {8, 8, 8, 12, 8, 8, 12, 5, 255, 5};
    // segment 1: 3 vs 1 → 8; segment 2: 2 vs 1, not more than twice → 255; segment 0 (merged small
    // segments): 5 twice, 255 once → 2 > 2·1 is false → 255
    assertArrayEquals(
        new int[] {8, 8, 8, 8, 255, 255, 255, 255, 255, 255},
        ImageRefinement.labelsBySegment(segments, blocky));
    int[] tie = {1, 1, 1, 1};
    assertArrayEquals(
        new int[] {255, 255, 255, 255},
        ImageRefinement.labelsBySegment(tie, new int[] {12, 8, 12, 8}));
    assertArrayEquals(
        new int[] {3, 3, 3, 3}, ImageRefinement.labelsBySegment(tie, new int[] {3, 3, 3, 3}));
  }

  @Test
  void classesAreSmoothedWithAnUncertainBandAndLaterLabelsWin() {
    int w = 30;
    int h = 30;
    int[] assigned = new int[w * h];
    fill(assigned, w, 5, 5, 20, 20, 8); // a 15×15 square of class 8
    assigned[5 * w + 5] = 0; // a missing corner: the first erosion widens it, the closing keeps it
    fill(assigned, w, 25, 25, 30, 30, 255); // ignore stays ignore and is written last
    int[] out = ImageRefinement.smoothClasses(assigned, w, h);

    assertEquals(8, out[12 * w + 12]);
    assertEquals(255, out[5 * w + 3], "2-pixel band left of the square");
    assertEquals(0, out[5 * w + 2], "outside the band");
    assertEquals(255, out[27 * w + 27]);
    assertEquals(8, out[6 * w + 6]);
    assertEquals(255, out[5 * w + 5], "the missing corner stays out of the class, inside the band");
    // values from the NumPy reference's refinement morphology on the same input
    // (docs/algorithms.md#reference)
    assertEquals(15 * 15 - 1, Arrays.stream(out).filter(v -> v == 8).count());
    assertEquals(161, Arrays.stream(out).filter(v -> v == 255).count());
  }

  @Test
  void specksVanishUnderTheFirstErosion() {
    int w = 12;
    int[] assigned = new int[w * w];
    assigned[6 * w + 6] = 8;
    int[] out = ImageRefinement.smoothClasses(assigned, w, w);
    assertArrayEquals(new int[w * w], out);
  }

  private static void fill(int[] a, int w, int x0, int y0, int x1, int y1, int v) {
    for (int y = y0; y < y1; y++) {
      for (int x = x0; x < x1; x++) {
        a[y * w + x] = v;
      }
    }
  }
}
