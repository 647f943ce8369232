package dsgen.masks.pcc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dsgen.masks.MaskMethods;
import dsgen.masks.MaskResult;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pcc recipe on every case of fixtures/masks, against the NumPy reference's outputs, with the tolerances of
 * fixtures/masks/README.md: blocky labels identical, refined labels differing on at most 0.1 % of the pixels, soft
 * maps within 1e-4.
 */
class PccConformanceTest {
  private static final double REFINED_MAX_FRACTION = 1e-3;
  private static final double SOFT_TOLERANCE = 1e-4;

  static List<PccFixtureCase> cases() {
    return PccFixtureCase.all();
  }

  @Test
  void everyCaseIsFound() {
    assertEquals(List.of("blobs-1class", "blobs-2class", "random", "tiny-cat"),
        cases().stream().map(PccFixtureCase::name).toList());
  }

  @ParameterizedTest
  @MethodSource("cases")
  void matchesTheReference(PccFixtureCase c) {
    MaskResult out = MaskMethods.forName("pcc").compute(c.attention(), c.image(), c.recipe());

    int[] blocky = c.labels("labels_blocky.png");
    byte[] gotBlocky = out.extraLabelMaps().get(PccMethod.BLOCKY);
    assertEquals(blocky.length, gotBlocky.length);
    int blockyDiffer = 0;
    for (int p = 0; p < blocky.length; p++) {
      blockyDiffer += blocky[p] != (gotBlocky[p] & 0xFF) ? 1 : 0;
    }
    assertEquals(0, blockyDiffer, c + ": blocky pixels differing");

    int[] refined = c.labels("labels.png");
    int refinedDiffer = 0;
    for (int p = 0; p < refined.length; p++) {
      refinedDiffer += refined[p] != (out.labels()[p] & 0xFF) ? 1 : 0;
    }
    assertTrue(refinedDiffer <= REFINED_MAX_FRACTION * refined.length,
        c + ": " + refinedDiffer + " refined pixels differ");

    float[][] soft = c.soft();
    assertEquals(soft.length, out.classes());
    double worst = 0;
    for (int k = 0; k < soft.length; k++) {
      for (int p = 0; p < soft[k].length; p++) {
        assertFalse(Float.isNaN(out.soft()[k][p]));
        worst = Math.max(worst, Math.abs(soft[k][p] - out.soft()[k][p]));
      }
    }
    assertTrue(worst <= SOFT_TOLERANCE, c + ": soft maps differ by " + worst);
  }
}
