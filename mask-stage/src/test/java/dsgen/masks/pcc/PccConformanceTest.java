package dsgen.masks.pcc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dsgen.masks.MaskMethods;
import dsgen.masks.MaskResult;
import dsgen.masks.conformance.FixtureCase;
import dsgen.masks.conformance.MaskComparison;
import dsgen.recipe.Recipe;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pcc recipe on every case of fixtures/masks, against the NumPy reference's outputs, with the
 * tolerances of fixtures/masks/README.md: blocky labels identical, refined labels differing on at
 * most 0.1 % of the pixels, soft maps within 1e-4. The recipe is the one recorded in {@code
 * expected/pcc/recipe.json}.
 */
class PccConformanceTest {
  /**
   * The published tolerance of fixtures/masks/README.md for PCC's refined labels (≤ 0.1 % of the
   * pixels differ from the reference); kept as published, not tuned to this machine.
   */
  private static final double REFINED_TOLERANCE = 1e-3;

  static List<FixtureCase> cases() {
    return FixtureCase.all().stream().filter(c -> c.hasExpected(PccMethod.NAME)).toList();
  }

  @Test
  void everyCaseHasPccOutputs() {
    assertEquals(
        List.of("blobs-1class", "blobs-2class", "random", "tiny-cat"),
        cases().stream().map(FixtureCase::name).toList());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @Timeout(120)
  void matchesTheReference(FixtureCase fixture) {
    FixtureCase.Expected expected = fixture.expected(PccMethod.NAME);
    Recipe recipe = expected.recipe();
    MaskResult result =
        MaskMethods.forName(recipe.method()).compute(fixture.attention(), fixture.image(), recipe);
    String what = fixture.name() + "/pcc";

    byte[] blocky = result.extraLabelMaps().get(PccMethod.BLOCKY);
    double blockyMismatch =
        MaskComparison.labelMismatch(
            blocky,
            result.width(),
            result.height(),
            expected.labelsBlocky().orElseThrow(),
            what + " labels_blocky");
    double refinedMismatch =
        MaskComparison.labelMismatch(
            result.labels(), result.width(), result.height(), expected.labels(), what);
    double soft = MaskComparison.maxSoftDifference(result, expected.soft(), what);
    System.out.printf(
        "conformance %-14s pcc  soft max|diff| %.2e  blocky differ %.4f %%  refined differ %.4f %%%n",
        fixture.name(), soft, 100 * blockyMismatch, 100 * refinedMismatch);

    assertEquals(0.0, blockyMismatch, what + ": the blocky map must be identical");
    assertTrue(
        refinedMismatch <= REFINED_TOLERANCE,
        what + ": " + 100 * refinedMismatch + " % refined pixels differ");
    assertTrue(soft <= MaskComparison.SOFT_TOLERANCE, what + ": soft max |diff| " + soft);
    long labelled =
        Arrays.stream(expected.labelsBlocky().orElseThrow().values()).filter(v -> v != 0).count();
    assertTrue(
        labelled > 0,
        what + ": the expected blocky map is all background, the comparison would prove nothing");
  }
}
