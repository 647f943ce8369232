package dsgen.generation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class GenerationRulesTest {
  private final GenerationRules rules = new GenerationRules(ModelLimits.stableDiffusion(512, 1000));

  @Test
  void sizesAreMultiplesOfTheModelsStepUpToItsMaximum() {
    assertTrue(rules.size(64).isEmpty());
    assertTrue(rules.size(512).isEmpty());
    assertEquals("must be a multiple of 64 in 64..512, was 72", reason(rules.size(72)));
    assertEquals(RuleViolation.Rule.SIZE_MULTIPLE, rules.size(0).orElseThrow().rule());
    assertEquals(RuleViolation.Rule.SIZE_MULTIPLE, rules.size(-64).orElseThrow().rule());
    assertEquals(RuleViolation.Rule.SIZE_TOO_LARGE, rules.size(576).orElseThrow().rule());
  }

  @Test
  void stepsAndGuidanceHaveClosedRanges() {
    assertTrue(rules.steps(1).isEmpty());
    assertTrue(rules.steps(1000).isEmpty());
    assertEquals("must be 1..1000, was 0", reason(rules.steps(0)));
    assertEquals("must be 1..1000, was 1001", reason(rules.steps(1001)));
    assertTrue(GenerationRules.guidance(1).isEmpty());
    assertTrue(GenerationRules.guidance(50).isEmpty());
    assertEquals("must be in 1..50, was 0.5", reason(GenerationRules.guidance(0.5)));
    assertTrue(GenerationRules.guidance(Double.NaN).isPresent());
    assertTrue(GenerationRules.guidance(Double.POSITIVE_INFINITY).isPresent());
  }

  @Test
  void labelsLeaveBackgroundAndIgnoreFree() {
    assertTrue(GenerationRules.label(1).isEmpty());
    assertTrue(GenerationRules.label(254).isEmpty());
    assertTrue(GenerationRules.label(0).isPresent());
    assertTrue(GenerationRules.label(255).isPresent());
  }

  @Test
  void promptsAreGivenAndBounded() {
    assertEquals(RuleViolation.Rule.PROMPT_EMPTY, GenerationRules.prompt(" ").orElseThrow().rule());
    assertTrue(GenerationRules.prompt("x".repeat(GenerationRules.MAX_PROMPT_LENGTH)).isEmpty());
    assertEquals(
        RuleViolation.Rule.PROMPT_LENGTH,
        GenerationRules.prompt("x".repeat(GenerationRules.MAX_PROMPT_LENGTH + 1))
            .orElseThrow()
            .rule());
    assertTrue(GenerationRules.promptLength("").isEmpty());
  }

  @Test
  void classWordsMatchWholeWordsIgnoringCase() {
    assertTrue(GenerationRules.mentions("A CAT on a sofa", "cat"));
    assertTrue(GenerationRules.mentions("a potted plant, a bus", "potted plant"));
    assertFalse(GenerationRules.mentions("two cats", "cat"));
    assertFalse(GenerationRules.mentions("a category of things", "cat"));
    assertFalse(GenerationRules.mentions("a bobcat", "cat"));
    assertEquals(
        "class 'cat' does not occur as a word in 'two cats'",
        reason(GenerationRules.classInPrompt("two cats", "cat")));
  }

  @Test
  void attentionIsStoredInHalfOrSinglePrecision() {
    assertTrue(GenerationRules.attentionDtype("float16").isEmpty());
    assertEquals(
        "must be one of float16, float32, was 'bfloat16'",
        reason(GenerationRules.attentionDtype("bfloat16")));
  }

  @Test
  void limitsThatDescribeNoModelAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new ModelLimits(64, 32, 1000));
  }

  private static String reason(Optional<RuleViolation> v) {
    return v.orElseThrow().reason();
  }
}
