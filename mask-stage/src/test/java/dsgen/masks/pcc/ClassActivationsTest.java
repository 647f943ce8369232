package dsgen.masks.pcc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dsgen.masks.ops.Normalize;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ClassActivationsTest {

  /** Bilinear (align_corners=false) along one axis, as the NumPy reference resizes one axis. */
  private static double[] resizeRows(double[] a, int h, int w, int outW) {
    double[] out = new double[h * outW];
    for (int d = 0; d < outW; d++) {
      double s = Math.max((d + 0.5) * ((double) w / outW) - 0.5, 0);
      int i0 = Math.min((int) Math.floor(s), w - 1);
      int i1 = Math.min(i0 + 1, w - 1);
      double lam = s - i0;
      for (int y = 0; y < h; y++) {
        out[y * outW + d] = a[y * w + i0] * (1 - lam) + a[y * w + i1] * lam;
      }
    }
    return out;
  }

  private static double[] transpose(double[] a, int h, int w) {
    double[] t = new double[a.length];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        t[x * h + y] = a[y * w + x];
      }
    }
    return t;
  }

  /** Straightforward path: bilinear to the image size, then f×f sum-pooling. */
  private static double[] upThenPool(float[] ovam, int t, int r, int size) {
    double[] a = new double[r * r];
    for (int p = 0; p < a.length; p++) {
      a[p] = ovam[t * r * r + p];
    }
    double[] wide = resizeRows(a, r, r, size);
    double[] up = transpose(resizeRows(transpose(wide, r, size), size, r, size), size, size);
    int f = size / r;
    double[] pooled = new double[r * r];
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        pooled[(y / f) * r + x / f] += up[y * size + x];
      }
    }
    return pooled;
  }

  @Test
  void pooledBilinearMatchesResizeThenSumPoolAndClassesSortByLabel() {
    int r = 8;
    int size = 48;
    int tokens = 5;
    SplittableRandom rnd = new SplittableRandom(3);
    float[] ovam = new float[tokens * r * r];
    for (int i = 0; i < ovam.length; i++) {
      ovam[i] = (float) (rnd.nextDouble() * 10);
    }
    List<ClassTokens> classes =
        List.of(
            new ClassTokens("sheep", 17, new int[] {3}),
            new ClassTokens("dining table", 11, new int[] {1, 2}));
    ClassActivations act = ClassActivations.fromOvam(ovam, tokens, r, size, classes);

    assertArrayEquals(new int[] {0, 11, 17}, act.labels());
    assertArrayEquals(new int[] {-1, 1, 0}, act.classIndex());
    double[] background = upThenPool(ovam, 0, r, size);
    double[] table = upThenPool(ovam, 1, r, size);
    double[] table2 = upThenPool(ovam, 2, r, size);
    for (int p = 0; p < table.length; p++) {
      table[p] = Math.max(table[p], table2[p]);
    }
    double[] sheep = upThenPool(ovam, 3, r, size);
    // the expected maps are computed in double by the same resize and pooling steps; only the order
    // of max/normalise operations may differ, which moves values in [0, 1] by a few ulps (≪ 1e-12)
    assertArrayEquals(Normalize.minMax(background), act.maps()[0], 1e-12);
    assertArrayEquals(Normalize.minMax(table), act.maps()[1], 1e-12);
    assertArrayEquals(Normalize.minMax(sheep), act.maps()[2], 1e-12);
  }

  @Test
  void constantMapBecomesEmpty() {
    float[] ovam = new float[2 * 16];
    Arrays.fill(ovam, 16, 32, 3f);
    for (int p = 0; p < 16; p++) {
      ovam[p] = p;
    }
    ClassActivations act =
        ClassActivations.fromOvam(ovam, 2, 4, 8, List.of(new ClassTokens("cat", 8, new int[] {1})));
    assertTrue(act.isEmpty(1));
    assertEquals(1.0, act.maps()[0][15], 0.0);
  }

  @Test
  void rejectsTokensOutsideTheMapsAndEmptyTokenLists() {
    float[] ovam = new float[2 * 16];
    assertThrows(
        IllegalArgumentException.class,
        () ->
            ClassActivations.fromOvam(
                ovam, 2, 4, 8, List.of(new ClassTokens("cat", 8, new int[] {2}))));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            ClassActivations.fromOvam(
                ovam, 2, 4, 8, List.of(new ClassTokens("cat", 8, new int[0]))));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            ClassActivations.fromOvam(
                ovam, 2, 4, 10, List.of(new ClassTokens("cat", 8, new int[] {1}))));
  }
}
