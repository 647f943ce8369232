package dsgen.masks.pamr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dsgen.masks.image.RgbImage;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PamrTest {
  private static RgbImage randomImage(int w, int h, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int[] px = new int[w * h];
    for (int i = 0; i < px.length; i++) {
      px[i] = rnd.nextInt(1 << 24);
    }
    return RgbImage.of(w, h, px);
  }

  /** The plain definition: every step over the whole image, one after the other. */
  private static double[] stepByStep(PamrAffinity a, double[] mask, int iterations) {
    int w = a.width();
    int h = a.height();
    if (a.singlePrecision()) {
      float[] m = new float[mask.length];
      for (int i = 0; i < m.length; i++) {
        m[i] = (float) mask[i];
      }
      Pamr.Row32 row = new Pamr.Row32(w);
      for (int it = 0; it < iterations; it++) {
        float[] next = new float[m.length];
        for (int y = 0; y < h; y++) {
          Pamr.propagateRow(a, m, next, y, row);
        }
        m = next;
      }
      double[] out = new double[m.length];
      for (int i = 0; i < m.length; i++) {
        out[i] = m[i];
      }
      return out;
    }
    double[] m = mask.clone();
    Pamr.Row row = new Pamr.Row(w);
    for (int it = 0; it < iterations; it++) {
      double[] next = new double[m.length];
      for (int y = 0; y < h; y++) {
        Pamr.propagateRow(a, m, next, y, row);
      }
      m = next;
    }
    return m;
  }

  @Test
  void wavefrontEqualsStepByStepBitForBit() {
    RgbImage img = randomImage(37, 29, 5);
    double[] mask = new double[37 * 29];
    SplittableRandom rnd = new SplittableRandom(9);
    for (int i = 0; i < mask.length; i++) {
      mask[i] = rnd.nextDouble();
    }
    for (int planned : new int[] {10, 5000}) {
      for (int[] dil : new int[][] {{1}, {1, 2, 4, 8, 12, 24}, {3}}) {
        PamrAffinity a = PamrAffinity.of(img, new PamrParams(planned, dil, 0.2));
        assertEquals(planned <= PamrAffinity.SINGLE_PRECISION_MAX_ITERATIONS, a.singlePrecision());
        for (int iterations : new int[] {0, 1, 2, 15, 16, 17, 41}) {
          assertArrayEquals(
              stepByStep(a, mask, iterations),
              Pamr.refine(a, mask, iterations),
              0.0,
              "dilations " + java.util.Arrays.toString(dil) + ", " + iterations + " iterations");
        }
      }
    }
  }

  @Test
  void affinitiesAreDistributionsThatFollowTheImage() {
    // left half black, right half white: a pixel next to the edge must not draw from across it
    int w = 8;
    int h = 4;
    int[] px = new int[w * h];
    for (int i = 0; i < px.length; i++) {
      px[i] = (i % w) < 4 ? 0 : 0xFFFFFF;
    }
    PamrAffinity a =
        PamrAffinity.of(RgbImage.of(w, h, px), new PamrParams(1000, new int[] {1}, 0.1));
    int[][] off = a.offsets();
    double sum = 0;
    for (int k = 0; k < off.length; k++) {
      double wk = a.weight(3, 1, k);
      sum += wk;
      if (off[k][1] == 1) {
        // across a black/white edge the colour step is many local σ (std factor 0.1), so the
        // softmax
        // weight is e^(-large); 1e-6 is the "nothing" threshold, not a rounding allowance
        assertEquals(0.0, wk, 1e-6, "pixel (3,1) takes (almost) nothing from the white side");
      }
    }
    // a softmax over ≤ 9 neighbours in double sums to 1 within a few ulps
    assertEquals(1.0, sum, 1e-12);
    double[] mask = new double[w * h];
    mask[0] = 1;
    double[] out = Pamr.refine(a, mask, 50);
    for (int y = 0; y < h; y++) {
      // 50 iterations of weights that are 0 up to underflow across the edge: nothing crosses
      assertEquals(0.0, out[y * w + 6], 1e-6, "mass stays on its side of the edge");
    }
  }
}
