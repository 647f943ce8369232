package dsgen.generation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The shared table is well formed and covers both verdicts of every rule it names. */
class GenerationRulesTableTest {
  @Test
  void everyRuleHasAnAcceptedAndARefusedValue() {
    RuleCase.Table table = RuleCase.read();
    assertFalse(table.cases().isEmpty());
    for (RuleCase c : table.cases()) {
      assertTrue(
          table.cases().stream().anyMatch(o -> o.rule().equals(c.rule()) && !o.accepted())
              && table.cases().stream().anyMatch(o -> o.rule().equals(c.rule()) && o.accepted()),
          c.rule() + " needs both verdicts");
    }
  }
}
