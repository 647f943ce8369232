package dsgen.worker.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dsgen.generation.RuleCase;
import dsgen.records.ClassEntry;
import dsgen.records.GenerationParams;
import dsgen.records.PromptTask;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shared generation-rule table fed to the worker's validator: the verdict of every row, and for
 * a refused value the table's reason after the task field. The producer's ApiRulesTableTest feeds
 * the same rows to the job API.
 */
class WorkerRulesTableTest {
  private static final RuleCase.Table TABLE = RuleCase.read();
  private final TaskValidator validator = new TaskValidator(TABLE.limits(), "default");

  static Stream<RuleCase> cases() {
    return TABLE.cases().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theWorkerGivesTheTablesVerdict(RuleCase c) throws InvalidTaskException {
    PromptTask task = task(c);
    if (c.accepted()) {
      validator.validate(task);
      return;
    }
    Executable validate = () -> validator.validate(task);
    InvalidTaskException e = assertThrows(InvalidTaskException.class, validate);
    assertEquals(field(c) + ": " + c.reason(), e.problem().message());
  }

  /** The task field each rule reads. */
  private static String field(RuleCase c) {
    return switch (c.rule()) {
      case "guidance" -> "params.guidanceScale";
      case "steps" -> "params.steps";
      case "size" -> "params.width";
      case "label" -> "classes[0].label";
      case "classWord" -> "classes[0].name";
      case "promptLength" -> "prompt";
      case "negativePromptLength" -> "params.negativePrompt";
      case "attentionDtype" -> "params.attentionDtype";
      default -> throw new IllegalArgumentException("no task field for rule " + c.rule());
    };
  }

  /** A valid task with the row's value put in its field. */
  private static PromptTask task(RuleCase c) {
    PromptTask.Builder t = TestTasks.valid("rules", 0);
    GenerationParams.Builder p = TestTasks.params(64, 3).setAttentionDtype("float16");
    String v = c.value();
    switch (c.rule()) {
      case "guidance" -> p.setGuidanceScale(Double.parseDouble(v));
      case "steps" -> p.setSteps(Integer.parseInt(v));
      case "size" -> p.setWidth(Integer.parseInt(v)).setHeight(Integer.parseInt(v));
      case "label" ->
          t.setClasses(
              List.of(
                  ClassEntry.newBuilder().setName("cat").setLabel(Integer.parseInt(v)).build()));
      case "classWord" -> t.setPrompt(v);
      case "promptLength" -> t.setPrompt(RuleCase.promptOfLength(Integer.parseInt(v)));
      case "negativePromptLength" -> p.setNegativePrompt("n".repeat(Integer.parseInt(v)));
      case "attentionDtype" -> p.setAttentionDtype(v);
      default -> throw new IllegalArgumentException("no task field for rule " + c.rule());
    }
    return t.setParams(p.build()).build();
  }
}
