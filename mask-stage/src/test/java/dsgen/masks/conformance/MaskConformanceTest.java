package dsgen.masks.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dsgen.masks.MaskMethods;
import dsgen.masks.MaskResult;
import dsgen.recipe.Recipe;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of fixtures/masks for every method of this library, with the README's tolerances: soft
 * maps within 1e-4 absolute, labels differing on at most 0.01 % of the pixels. The recipe is the
 * one recorded in {@code expected/<method>/recipe.json}.
 */
class MaskConformanceTest {
  static final List<String> METHODS =
      List.of("seediff", "seediff-code", "dataset-diffusion", "diffumask");

  static List<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (FixtureCase c : FixtureCase.all()) {
      for (String m : METHODS) {
        if (c.hasExpected(m)) {
          out.add(Arguments.of(c, m));
        }
      }
    }
    assertTrue(out.size() >= 16, "expected 4 cases x 4 methods, found " + out.size());
    return out;
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  @Timeout(120)
  void matchesTheReference(FixtureCase fixture, String method) {
    FixtureCase.Expected expected = fixture.expected(method);
    Recipe recipe = expected.recipe();
    MaskResult result =
        MaskMethods.forName(recipe.method()).compute(fixture.attention(), fixture.image(), recipe);
    String what = fixture.name() + "/" + method;
    double soft = MaskComparison.maxSoftDifference(result, expected.soft(), what);
    double labels =
        MaskComparison.labelMismatch(
            result.labels(), result.width(), result.height(), expected.labels(), what);
    long labelled =
        expected.labels().values().length
            - java.util.Arrays.stream(expected.labels().values()).filter(v -> v == 0).count();
    System.out.printf(
        "conformance %-14s %-18s soft max|diff| %.2e  labels differ %.4f %% (of %d labelled px)%n",
        fixture.name(), method, soft, 100 * labels, labelled);
    double expectedPeak = 0;
    for (float v : expected.soft().data()) {
      expectedPeak = Math.max(expectedPeak, Math.abs(v));
    }
    assertTrue(
        expectedPeak > 0.1,
        what + ": the expected soft map is empty, the comparison would prove nothing");
    assertTrue(soft <= MaskComparison.SOFT_TOLERANCE, what + ": soft max |diff| " + soft);
    assertTrue(
        labels <= MaskComparison.LABEL_TOLERANCE,
        what + ": " + 100 * labels + " % of labels differ");
  }
}
