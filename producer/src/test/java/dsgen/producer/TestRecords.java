package dsgen.producer;

import dsgen.kafka.DeadLetters;
import dsgen.kafka.Topics;
import dsgen.records.DeadLetter;
import dsgen.records.Generation;
import dsgen.records.GenerationTimings;
import dsgen.records.MaskTimings;
import dsgen.records.ObjectRef;
import dsgen.records.Pair;
import dsgen.records.PromptTask;
import dsgen.records.RecipeRef;
import java.time.Instant;

/** What a worker and the mask stage would publish for a task, for tests that play those stages. */
public final class TestRecords {
  private TestRecords() {}

  public static Generation generation(PromptTask task, Instant at) {
    return Generation.newBuilder()
        .setImageId(task.getImageId())
        .setJobId(task.getJobId())
        .setGenerationId("g-" + at.toEpochMilli())
        .setDataset(task.getDataset())
        .setPrompt(task.getPrompt())
        .setClassPrompt(task.getClassPrompt())
        .setClasses(task.getClasses())
        .setSeed(task.getSeed())
        .setParams(task.getParams())
        .setImage(ref("image.png"))
        .setAttention(ref("attention.safetensors"))
        .setModelId("test-model")
        .setWorkerId("test-worker")
        .setTimings(GenerationTimings.newBuilder().build())
        .setCreatedAt(at)
        .build();
  }

  public static Pair pair(PromptTask task, RecipeRef recipe, Instant at) {
    return Pair.newBuilder()
        .setImageId(task.getImageId())
        .setJobId(task.getJobId())
        .setDataset(task.getDataset())
        .setRecipe(recipe)
        .setGenerationId("g-1")
        .setImage(ref("x.jpg"))
        .setMask(ref("x.png"))
        .setAnnotation(ref("x.json"))
        .setTimings(MaskTimings.newBuilder().build())
        .setCreatedAt(at)
        .build();
  }

  /**
   * A dead letter as a stage writes it: keyed by the image id, job and image fields left for the
   * tracker to derive.
   */
  public static DeadLetter deadLetter(
      String stage, String imageId, String recipeId, String reason, Instant at) {
    return DeadLetters.at(
            stage,
            stage.equals("mask-stage") ? Topics.GENERATIONS.name() : Topics.PROMPTS.name(),
            0,
            0)
        .key(imageId)
        .recipeId(recipeId)
        .reason(reason)
        .errorClass("TestFailure")
        .occurredAt(at)
        .build();
  }

  private static ObjectRef ref(String name) {
    return ObjectRef.newBuilder()
        .setUri("s3://dsgen/test/" + name)
        .setSha256("0".repeat(64))
        .setSizeBytes(1)
        .setContentType("application/octet-stream")
        .build();
  }
}
