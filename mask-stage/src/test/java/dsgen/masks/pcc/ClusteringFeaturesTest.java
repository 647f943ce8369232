package dsgen.masks.pcc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class ClusteringFeaturesTest {

  @Test
  void columnsAreMinMaxedAndPositionsAppended() {
    // R = 2, two columns: the second is constant and becomes 0
    float[] features = {1, 7, 3, 7, 2, 7, 5, 7};
    double[] points = ClusteringFeatures.of(features, 2, 2);
    assertArrayEquals(
        new double[] {
          0.0, 0.0, 0.0, 0.0,
          0.5, 0.0, 1.0, 0.0,
          0.25, 0.0, 0.0, 1.0,
          1.0, 0.0, 1.0, 1.0,
        },
        points,
        0.0);
  }
}
