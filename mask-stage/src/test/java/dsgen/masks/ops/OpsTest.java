package dsgen.masks.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dsgen.attention.AttentionTensor;
import dsgen.attention.AttentionWriter;
import dsgen.masks.io.AttentionFile;
import dsgen.tensor.Half;
import org.junit.jupiter.api.Test;

/**
 * Primitives (docs/algorithms.md#primitives) against values printed by the NumPy reference
 * (docs/algorithms.md#reference), which agrees with cv2/torch.
 */
class OpsTest {
  private static final double[] X = {0, 1, 0.5, 2, -1, 0.25, 0.75, 3, 1};

  @Test
  void bicubicMatchesOpenCvIncludingUndershoot() {
    double[] expected = {
      -0.3566413994169119,
      0.3887959183673465,
      1.218658892128281,
      0.8990539358600591,
      0.46096501457725947,
      0.21545481049562662,
      0.4495641399416909,
      0.7055393586005831,
      0.5874110787172013,
      0.436332361516035,
      1.4712303206997095,
      0.5036559766763855,
      -0.580174927113702,
      -0.19081341107871674,
      0.358454810495627,
      2.2880000000000016,
      0.7460000000000003,
      -1.0,
      -0.45099999999999996,
      0.3700000000000001,
      1.8018425655976686,
      1.2084373177842556,
      0.4693877551020389,
      0.4242303206997072,
      0.5452769679300289,
      0.7774956268221564,
      1.6476924198250718,
      2.489795918367346,
      1.6329854227405236,
      0.7539300291545187,
      0.342236151603497,
      1.8786253644314863,
      3.4373177842565603,
      2.19918804664723,
      0.8558862973760932
    };
    // expected computed in double from the kernel weights: ≤ 16 products of values ≤ 4 per output,
    // so a different summation order moves the last bits only (≈ 16 · 4 · 2^-53 ≈ 7e-15 ≪ 1e-12)
    assertArrayEquals(expected, Resize.bicubic(X, 3, 3, 7, 5), 1e-12);
    assertArrayEquals(X, Resize.bicubic(X, 3, 3, 3, 3), 0.0, "same size is the identity");
  }

  @Test
  void bilinearBothAlignments() {
    double[] half = {
      0.0,
      0.25,
      0.75,
      0.875,
      0.625,
      0.5,
      1.25,
      0.875,
      0.125,
      -0.1015625,
      0.1953125,
      0.34375,
      1.53125,
      1.2734375,
      0.7578125,
      0.5078125,
      0.5234375,
      0.53125,
      0.75,
      1.3125,
      2.4375,
      2.5,
      1.5,
      1.0
    };
    double[] corners = {
      0.0,
      0.4,
      0.8,
      0.8999999999999999,
      0.7,
      0.5,
      1.3333333333333333,
      0.6666666666666665,
      0.0,
      -0.19999999999999984,
      0.06666666666666676,
      0.33333333333333337,
      1.5833333333333335,
      1.0833333333333333,
      0.583333333333333,
      0.3666666666666665,
      0.4333333333333331,
      0.49999999999999994,
      0.75,
      1.6500000000000001,
      2.5500000000000003,
      2.5999999999999996,
      1.7999999999999998,
      1.0
    };
    // 4 weighted terms per output in double: rounding ≤ 4 · 4 · 2^-53 ≈ 2e-15 ≪ 1e-12
    assertArrayEquals(half, Resize.bilinear(X, 3, 3, 4, 6, false), 1e-12);
    assertArrayEquals(corners, Resize.bilinear(X, 3, 3, 4, 6, true), 1e-12);
  }

  @Test
  void nearestTakesFloorOfScaledIndex() {
    double[] expected = {
      0.0, 0.0, 0.0, 1.0, 1.0, 0.5, 0.5, 0.0, 0.0, 0.0, 1.0, 1.0, 0.5, 0.5, 2.0, 2.0, 2.0, -1.0,
      -1.0, 0.25, 0.25, 2.0, 2.0, 2.0, -1.0, -1.0, 0.25, 0.25, 0.75, 0.75, 0.75, 3.0, 3.0, 1.0, 1.0
    };
    assertArrayEquals(expected, Resize.nearest(X, 3, 3, 5, 7), 0.0);
  }

  @Test
  void otsuAsOpenCv() {
    assertEquals(
        31, Otsu.threshold(new int[] {0, 0, 1, 1, 2, 9, 10, 10, 11, 30, 31, 3, 3, 200, 5, 7}));
    assertEquals(0, Otsu.threshold(new int[] {4, 4, 4}), "a constant image has no split");
    assertArrayEquals(
        new int[] {0, 63, 255, 57}, Otsu.squaredTo255(new double[] {-0.01, 0.5, 1.0, -0.475}));
  }

  @Test
  void minMaxOfConstantIsZeros() {
    assertArrayEquals(new double[] {0, 0, 0}, Normalize.minMax(new double[] {2, 2, 2}), 0.0);
    assertArrayEquals(new double[] {0, 0.5, 1}, Normalize.minMax(new double[] {-1, 0, 1}), 0.0);
    assertArrayEquals(new double[] {0, 0}, Normalize.maxNorm(new double[] {0, -1}), 0.0);
  }

  /** The fused float16 kernels give exactly what widening the row first gives. */
  @Test
  void float16RowsGiveTheSameProductsAsTheirFloat32Widening() {
    int n = 64;
    float[] values = new float[n * n];
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(4);
    for (int i = 0; i < values.length; i++) {
      values[i] = Half.f16ToFloat(Half.floatToF16((float) rnd.nextDouble()));
    }
    byte[] file =
        new AttentionWriter()
            .metadata("format", "dsgen-attention/1")
            .metadata("resolutions", "[8,4]")
            .metadata("classes", "[{\"name\":\"cat\",\"label\":8,\"prompt_tokens\":[5]}]")
            .f16("sa_mean_8", new int[] {n, n}, values)
            .toBytes();
    RowMatrix half = new RowMatrix(AttentionFile.read(file).tensor("sa_mean_8"));
    RowMatrix single = new RowMatrix(AttentionTensor.of("sa_mean_8", new int[] {n, n}, values));
    boolean[] seeds = new boolean[n];
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      seeds[i] = i % 3 == 0;
      x[i] = rnd.nextGaussian();
    }
    assertArrayEquals(single.cosineSum(seeds), half.cosineSum(seeds), 0.0);
    assertArrayEquals(single.times(x), half.times(x), 0.0);
    assertArrayEquals(single.times(new double[][] {x, x})[1], half.times(x), 0.0);
  }

  @Test
  void cosineSumOverRowsAndMatrixProducts() {
    float[] s = {
      0.58f, 0.70f, 0.51f, 0.34f, 0.43f, 0.92f, 0.19f, 0.15f, 0.01f, 0.85f, 0.99f, 0.24f, 0.27f,
      0.20f, 0.60f, 0.49f
    };
    RowMatrix m = new RowMatrix(AttentionTensor.of("sa_mean_2", new int[] {4, 4}, s));
    boolean[] seeds = {true, false, false, true};
    double[] v = m.cosineSum(seeds);
    for (int j = 0; j < 4; j++) {
      double expected = 0;
      for (int k : new int[] {0, 3}) {
        double dot = 0;
        double nj = 0;
        double nk = 0;
        for (int i = 0; i < 4; i++) {
          dot += (double) s[j * 4 + i] * s[k * 4 + i];
          nj += (double) s[j * 4 + i] * s[j * 4 + i];
          nk += (double) s[k * 4 + i] * s[k * 4 + i];
        }
        expected += dot / Math.sqrt(nj * nk);
      }
      // the same 4-term double sums in another order: a few ulps of values ≤ 2, ≪ 1e-12
      assertEquals(expected, v[j], 1e-12, "row " + j);
    }
    assertArrayEquals(new double[4], m.cosineSum(new boolean[4]), 0.0, "no seeds: zeros");
    double[] x = {1, -2, 0.5, 3};
    double[] y = m.times(x);
    for (int i = 0; i < 4; i++) {
      double e = 0;
      for (int j = 0; j < 4; j++) {
        e += s[i * 4 + j] * x[j];
      }
      // 4-term double dot products of values ≤ 3: ≤ 4 · 3 · 2^-53 ≈ 1e-15 ≪ 1e-12
      assertEquals(e, y[i], 1e-12);
    }
    double[] mean = m.meanOfRows(seeds);
    // the same two float32 values summed and halved in double (the sum in float32 would already be
    // off by up to 2^-24 ≈ 6e-8): a double ulp or two at most, far below 1e-12
    assertEquals(((double) s[1] + s[13]) / 2.0, mean[1], 1e-12);
  }
}
