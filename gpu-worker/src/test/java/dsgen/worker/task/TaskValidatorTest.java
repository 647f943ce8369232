package dsgen.worker.task;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dsgen.attention.TensorName;
import dsgen.generation.ModelLimits;
import dsgen.recipe.CaptureProfiles;
import dsgen.recipe.Resolutions;
import dsgen.records.ClassEntry;
import dsgen.records.PromptTask;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskValidatorTest {
  private final TaskValidator validator =
      new TaskValidator(ModelLimits.stableDiffusion(256, 1000), "default");

  @Test
  void aValidTaskPasses() {
    assertDoesNotThrow(() -> validator.validate(TestTasks.valid("job", 0).build()));
  }

  @Test
  void eachRuleNamesItsProblem() {
    assertProblem(
        TaskProblem.Code.EMPTY_PROMPT, "prompt: is blank", TestTasks.valid("j", 0).setPrompt("  "));
    assertProblem(
        TaskProblem.Code.INVALID_ID, "jobId '../j'", TestTasks.valid("j", 0).setJobId("../j"));
    assertProblem(
        TaskProblem.Code.INVALID_ID,
        "imageId 'other-000000'",
        TestTasks.valid("j", 0).setImageId("other-000000"));
    assertProblem(
        TaskProblem.Code.CLASS_NOT_IN_PROMPT,
        "classes[0].name: class 'dog' does not occur as a word in",
        TestTasks.valid("j", 0).setClasses(List.of(entry("dog", 1))));
    assertProblem(
        TaskProblem.Code.INVALID_LABEL,
        "classes[0].label: must be 1..254 (0 is background, 255 ignore), was 255",
        TestTasks.valid("j", 0).setClasses(List.of(entry("cat", 255))));
    assertProblem(
        TaskProblem.Code.STEPS_OUT_OF_RANGE,
        "params.steps: must be 1..1000, was 0",
        TestTasks.valid("j", 0).setParams(TestTasks.params(64, 0).build()));
    assertProblem(
        TaskProblem.Code.STEPS_OUT_OF_RANGE,
        "params.steps: must be 1..1000, was 1001",
        TestTasks.valid("j", 0).setParams(TestTasks.params(64, 1001).build()));
    assertProblem(
        TaskProblem.Code.GUIDANCE_OUT_OF_RANGE,
        "params.guidanceScale: must be in 1..50, was 0.5",
        TestTasks.valid("j", 0).setParams(TestTasks.params(64, 3).setGuidanceScale(0.5).build()));
    assertProblem(
        TaskProblem.Code.GUIDANCE_OUT_OF_RANGE,
        "params.guidanceScale: must be in 1..50, was NaN",
        TestTasks.valid("j", 0)
            .setParams(TestTasks.params(64, 3).setGuidanceScale(Double.NaN).build()));
    assertProblem(
        TaskProblem.Code.SIZE_NOT_A_MULTIPLE,
        "params.width: must be a multiple of 64 in 64..256, was 60",
        TestTasks.valid("j", 0).setParams(TestTasks.params(64, 3).setWidth(60).build()));
    assertProblem(
        TaskProblem.Code.SIZE_TOO_LARGE,
        "params.height: must be a multiple of 64 in 64..256 (this model's maximum), was 512",
        TestTasks.valid("j", 0).setParams(TestTasks.params(64, 3).setHeight(512).build()));
    assertProblem(
        TaskProblem.Code.UNKNOWN_CAPTURE_PROFILE,
        "params.captureProfile = 'bogus'",
        TestTasks.valid("j", 0)
            .setParams(TestTasks.params(64, 3).setCaptureProfile("bogus").build()));
    assertProblem(
        TaskProblem.Code.UNKNOWN_ATTENTION_DTYPE,
        "params.attentionDtype: must be one of float16, float32, was 'bfloat16'",
        TestTasks.valid("j", 0)
            .setParams(TestTasks.params(64, 3).setAttentionDtype("bfloat16").build()));
    assertProblem(
        TaskProblem.Code.UNKNOWN_SCHEDULER,
        "params.sampler must be one of ddim, pndm, dpmsolver++, euler",
        TestTasks.valid("j", 0).setParams(TestTasks.params(64, 3).setSampler("heun").build()));
  }

  @Test
  void anEmptyCaptureProfileMeansTheWorkerDefault() throws InvalidTaskException {
    PromptTask task =
        TestTasks.valid("j", 0)
            .setParams(TestTasks.params(64, 3).setCaptureProfile("").build())
            .build();
    assertEquals(
        CaptureProfiles.tensorsFor("default", Resolutions.available(8)), validator.validate(task));
    assertEquals("default", validator.captureProfile(task));
  }

  @Test
  void theProducersTensorListWinsOverTheProfile() throws InvalidTaskException {
    PromptTask task =
        TestTasks.valid("j", 0)
            .setParams(
                TestTasks.params(64, 3)
                    .setCaptureProfile("full")
                    .setCaptureTensors(List.of("sa_mean_4", "ca_mean_8"))
                    .build())
            .build();
    assertEquals(List.of("ca_mean_8", "sa_mean_4"), TensorName.spell(validator.validate(task)));
  }

  @Test
  void anUnknownTensorInTheListIsRefused() {
    assertProblem(
        TaskProblem.Code.UNKNOWN_CAPTURE_PROFILE,
        "params.captureTensors: capture profile: unknown tensor 'sa_mean_16'",
        TestTasks.valid("j", 0)
            .setParams(TestTasks.params(64, 3).setCaptureTensors(List.of("sa_mean_16")).build()));
  }

  private void assertProblem(TaskProblem.Code code, String messagePart, PromptTask.Builder task) {
    InvalidTaskException e =
        assertThrows(InvalidTaskException.class, () -> validator.validate(task.build()));
    assertEquals(code, e.problem().code(), e.problem().toString());
    assertTrue(e.problem().message().contains(messagePart), e.problem().message());
  }

  private static ClassEntry entry(String name, int label) {
    return ClassEntry.newBuilder().setName(name).setLabel(label).build();
  }
}
