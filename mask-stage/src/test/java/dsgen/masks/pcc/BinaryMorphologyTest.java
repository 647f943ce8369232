package dsgen.masks.pcc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BinaryMorphologyTest {

  /**
   * The NumPy reference's binary erosion / dilation (docs/algorithms.md#reference): one 3×3 pass
   * per iteration, pad True (erode) or False (dilate).
   */
  private static boolean[] iterated(boolean[] m, int w, int h, int iterations, boolean erosion) {
    for (int it = 0; it < iterations; it++) {
      boolean[] out = new boolean[m.length];
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          boolean acc = erosion;
          for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
              int yy = y + dy;
              int xx = x + dx;
              boolean v = yy < 0 || yy >= h || xx < 0 || xx >= w ? erosion : m[yy * w + xx];
              acc = erosion ? acc && v : acc || v;
            }
          }
          out[y * w + x] = acc;
        }
      }
      m = out;
    }
    return m;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 4, 5})
  void equalsIteratedThreeByThreeWithOpenCvBorders(int iterations) {
    SplittableRandom rnd = new SplittableRandom(iterations);
    int w = 37;
    int h = 23;
    for (double density : new double[] {0.2, 0.6, 0.95}) {
      boolean[] m = new boolean[w * h];
      for (int p = 0; p < m.length; p++) {
        m[p] = rnd.nextDouble() < density;
      }
      assertArrayEquals(
          iterated(m, w, h, iterations, true), BinaryMorphology.erode(m, w, h, iterations));
      assertArrayEquals(
          iterated(m, w, h, iterations, false), BinaryMorphology.dilate(m, w, h, iterations));
    }
  }
}
