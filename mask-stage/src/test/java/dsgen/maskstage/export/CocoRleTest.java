package dsgen.maskstage.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CocoRleTest {

  /**
   * Goldens from pycocotools 2.0 ({@code mask.encode}, {@code mask.area}, {@code mask.toBbox}) on
   * the same masks, built from cocodataset/cocoapi: exact strings, areas and boxes.
   */
  @Test
  void matchesPycocotoolsOnMasksWithLongRunsWrapsAndSingleRows() {
    int h = 40;
    int w = 50;
    int[] disc = new int[h * w];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        boolean in =
            (x - 20) * (x - 20) + (y - 15) * (y - 15) <= 100
                || (x >= 30 && x < 45 && y >= 5 && y < 35);
        disc[y * w + x] = in ? 1 : 0;
      }
    }
    golden(
        disc,
        w,
        h,
        "o<1S18J4M2N2O0O2O00000O20N1000001N101N2N3LLe0A000000000000000000000000000S6",
        766,
        new int[] {10, 5, 35, 30});
    golden(new int[] {1, 1, 0, 0, 1, 0, 0}, 7, 1, "022O0", 3, new int[] {0, 0, 5, 1});
    int[] full = new int[300 * 300];
    java.util.Arrays.fill(full, 1);
    golden(full, 300, 300, "0`lg2", 90000, new int[] {0, 0, 300, 300});
    // 5 rows × 3 columns: (x 0, y 4) and (x 1, y 0) are one run across the column boundary
    int[] wrap = new int[15];
    wrap[4 * 3] = 1;
    wrap[1] = 1;
    golden(wrap, 3, 5, "429", 2, new int[] {0, 0, 2, 5});
  }

  @Test
  void randomLabelMapsRoundTripThroughTheIndependentDecoder() {
    Random random = new Random(2024);
    for (int trial = 0; trial < 200; trial++) {
      int w = 1 + random.nextInt(trial < 20 ? 3 : 70);
      int h = 1 + random.nextInt(trial < 20 ? 3 : 70);
      int[] labels = new int[w * h];
      int[] palette = {0, 8, 12, 255, 1 + random.nextInt(254)};
      int runs = 1 + random.nextInt(3 * w * h / 2 + 1);
      int v = palette[random.nextInt(palette.length)];
      for (int p = 0; p < labels.length; p++) {
        if (random.nextInt(labels.length) < runs / 2) {
          v = palette[random.nextInt(palette.length)];
        }
        labels[p] = v;
      }
      Map<Integer, CocoRle> rles = CocoRle.perLabel(labels, w, h);
      int[] rebuilt = new int[labels.length];
      java.util.Arrays.fill(rebuilt, -1);
      for (var e : rles.entrySet()) {
        CocoRle rle = e.getValue();
        boolean[] mask = IndependentRleDecoder.decode(rle.compressed(), h, w);
        long area = 0;
        for (int p = 0; p < mask.length; p++) {
          if (mask[p]) {
            assertEquals(-1, rebuilt[p], "one label per pixel");
            rebuilt[p] = e.getKey();
            area++;
          }
        }
        assertEquals(area, rle.area());
        assertArrayEquals(
            IndependentRleDecoder.runs(rle.compressed()),
            java.util.Arrays.stream(rle.counts()).asLongStream().toArray());
      }
      assertArrayEquals(labels, rebuilt, "trial " + trial + " (" + w + "×" + h + ")");
    }
  }

  @Test
  void aLabelMapOfTheWrongSizeOrValueIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> CocoRle.perLabel(new int[5], 2, 3));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> CocoRle.perLabel(new int[] {0, 300}, 2, 1));
    assertEquals("label 300 at (1, 0) is not an 8-bit label", e.getMessage());
  }

  private static void golden(int[] binary, int w, int h, String counts, long area, int[] bbox) {
    CocoRle rle = CocoRle.perLabel(binary, w, h).get(1);
    assertEquals(counts, rle.compressed());
    assertEquals(area, rle.area());
    assertArrayEquals(bbox, rle.bbox());
  }
}
