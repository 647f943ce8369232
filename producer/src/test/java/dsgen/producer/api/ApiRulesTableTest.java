package dsgen.producer.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dsgen.generation.RuleCase;
import dsgen.localstack.LocalStackTestResource;
import dsgen.producer.service.ProducerConfig;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shared generation-rule table fed to the job API: an allowed value is a 201, a refused one a
 * 400 whose only violation names the request field with the table's reason. The worker's
 * WorkerRulesTableTest feeds the same rows to its task validator, so the API refuses exactly what a
 * worker would, with the same reason.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
@Timeout(120)
class ApiRulesTableTest {
  private static final RuleCase.Table TABLE = RuleCase.read();

  @Inject ProducerConfig config;

  static Stream<RuleCase> cases() {
    return TABLE.cases().stream();
  }

  @Test
  void theApiIsGivenTheTablesModelLimits() {
    assertEquals(TABLE.limits(), config.limits().toRequestLimits().model());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theApiGivesTheTablesVerdict(RuleCase c) {
    ExtractableResponse<Response> answer =
        Api.authed().body(request(c)).post("/jobs").then().extract();
    if (c.accepted()) {
      assertEquals(201, answer.statusCode(), answer.asString());
      return;
    }
    assertEquals(400, answer.statusCode(), answer.asString());
    assertEquals(
        List.of(Map.of("field", field(c), "reason", c.reason())),
        answer.jsonPath().getList("violations"));
  }

  /** The request field each rule reads. */
  private static String field(RuleCase c) {
    return switch (c.rule()) {
      case "guidance", "steps", "size", "attentionDtype" -> c.rule();
      case "label" -> "classes[0].label";
      case "classWord" -> "prompts[0].classes";
      case "promptLength" -> "prompts[0].prompt";
      case "negativePromptLength" -> "negativePrompt";
      default -> throw new IllegalArgumentException("no request field for rule " + c.rule());
    };
  }

  /** A valid one-image request with the row's value put in its field. */
  private static Map<String, Object> request(RuleCase c) {
    Map<String, Object> cat = new HashMap<>(Map.of("name", "cat"));
    Map<String, Object> r = new HashMap<>();
    r.put("dataset", "rules");
    r.put("classes", List.of(cat));
    r.put("recipes", List.of(Map.of("method", "diffumask")));
    String v = c.value();
    switch (c.rule()) {
      case "guidance" -> r.put("guidance", Double.parseDouble(v));
      case "steps" -> r.put("steps", Integer.parseInt(v));
      case "size" -> r.put("size", Integer.parseInt(v));
      case "label" -> cat.put("label", Integer.parseInt(v));
      case "classWord" -> r.put("prompts", List.of(Map.of("prompt", v, "classes", List.of("cat"))));
      case "promptLength" ->
          r.put(
              "prompts",
              List.of(
                  Map.of(
                      "prompt",
                      RuleCase.promptOfLength(Integer.parseInt(v)),
                      "classes",
                      List.of("cat"))));
      case "negativePromptLength" -> r.put("negativePrompt", "n".repeat(Integer.parseInt(v)));
      case "attentionDtype" -> r.put("attentionDtype", v);
      default -> throw new IllegalArgumentException("no request field for rule " + c.rule());
    }
    return r;
  }
}
