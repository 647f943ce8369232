package dsgen.masks.pcc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SquaredDistanceTest {

  /**
   * Expected values are NumPy 1.24's {@code ((a - b) ** 2).sum(axis=1)} for a = f/7 + (f² mod
   * 13)/3, b = (f mod 5)/9 (exactly representable inputs, so Java and NumPy see the same operands).
   * For 254 and 632 terms the pairwise result differs from a left-to-right sum, so the test fails
   * if the summation order drifts.
   */
  @ParameterizedTest
  @CsvSource({
    "5, 0x1.9deb7d31baba1p+3, 0x1.9deb7d31baba1p+3",
    "13, 0x1.f7e3e0c83525ep+6, 0x1.f7e3e0c83525ep+6",
    "254, 0x1.f5c9e443da972p+16, 0x1.f5c9e443da970p+16",
    "632, 0x1.bbd92543ca140p+20, 0x1.bbd92543ca13fp+20",
  })
  void sumsInNumpyPairwiseOrder(int dim, String numpyHex, String leftToRightHex) {
    double[] a = new double[dim + 3];
    double[] b = new double[dim + 1];
    for (int f = 0; f < dim; f++) {
      a[f + 3] = f / 7.0 + ((double) f * f % 13) / 3.0;
      b[f + 1] = (f % 5) / 9.0;
    }
    double expected = Double.parseDouble(numpyHex);
    assertEquals(expected, SquaredDistance.between(a, 3, b, 1, dim), 0.0);
    double sequential = 0;
    for (int f = 0; f < dim; f++) {
      double d = a[f + 3] - b[f + 1];
      sequential += d * d;
    }
    assertEquals(Double.parseDouble(leftToRightHex), sequential, 0.0);
    if (dim > 128) {
      assertNotEquals(expected, sequential, "case must distinguish the two orders");
    }
  }
}
