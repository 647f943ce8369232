package dsgen.maskstage.testing;

import dsgen.masks.io.AttentionFile;
import dsgen.recipe.Recipe;
import dsgen.records.ClassEntry;
import dsgen.records.Generation;
import dsgen.records.GenerationParams;
import dsgen.records.GenerationTimings;
import dsgen.records.JobSpec;
import dsgen.records.ObjectRef;
import dsgen.store.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The mask fixture {@code fixtures/masks/blobs-1class} (R 32, 256², one class 'cat' label 8) as the
 * records and objects a gpu-worker would have published.
 */
public final class MaskFixtures {

  public static final String CASE = "blobs-1class";
  public static final int SIZE = 256;
  public static final ClassEntry CAT = ClassEntry.newBuilder().setName("cat").setLabel(8).build();

  private MaskFixtures() {}

  public static Path fixtures() {
    String dir = System.getProperty("dsgen.fixtures");
    if (dir == null) {
      throw new IllegalStateException(
          "system property dsgen.fixtures is not set (surefire sets it)");
    }
    return Path.of(dir);
  }

  public static byte[] attention() {
    return read(fixtures().resolve("masks").resolve(CASE).resolve("attention.safetensors"));
  }

  public static byte[] image() {
    return read(fixtures().resolve("masks").resolve(CASE).resolve("image.png"));
  }

  public static List<String> tensorNames(byte[] attention) {
    return AttentionFile.read(attention).tensorNames().stream().sorted().toList();
  }

  /**
   * Puts the objects of one generation attempt where a worker would, and returns their references.
   */
  public static Map<String, ObjectRef> upload(
      ObjectStore store,
      String jobId,
      String imageId,
      String generationId,
      byte[] attention,
      byte[] image) {
    String dir = "generations/" + jobId + "/" + imageId + "/" + generationId + "/";
    return Map.of(
        "attention",
            store.put(
                dir + "attention.safetensors",
                attention,
                "application/vnd.dsgen.attention+safetensors",
                Map.of()),
        "image", store.put(dir + "image.png", image, "image/png", Map.of()));
  }

  public static String imageId(String jobId, int index) {
    return String.format("%s-%06d", jobId, index);
  }

  public static GenerationParams params() {
    return GenerationParams.newBuilder()
        .setWidth(SIZE)
        .setHeight(SIZE)
        .setSteps(2)
        .setGuidanceScale(7.5)
        .build();
  }

  public static Generation generation(
      String jobId,
      String dataset,
      int index,
      String generationId,
      ObjectRef image,
      ObjectRef attention,
      List<String> capturedTensors) {
    return Generation.newBuilder()
        .setImageId(imageId(jobId, index))
        .setJobId(jobId)
        .setGenerationId(generationId)
        .setDataset(dataset)
        .setPrompt("a photo of a cat")
        .setClasses(List.of(CAT))
        .setSeed(1000L + index)
        .setParams(params())
        .setImage(image)
        .setAttention(attention)
        .setCapturedTensors(capturedTensors)
        .setModelId("fixture-blobs")
        .setWorkerId("test-worker")
        .setTimings(GenerationTimings.newBuilder().setDenoiseMs(1234).build())
        .setCreatedAt(Instant.parse("2026-11-22T00:00:00Z"))
        .build();
  }

  public static JobSpec job(String jobId, String dataset, List<Recipe> recipes) {
    return JobSpec.newBuilder()
        .setJobId(jobId)
        .setDataset(dataset)
        .setClasses(List.of(CAT))
        .setTemplates(List.of("a photo of a {class}"))
        .setImagesPerClass(1)
        .setSeed(7L)
        .setParams(params())
        .setRecipes(recipes.stream().map(Recipe::toRef).toList())
        .setCreatedAt(Instant.parse("2026-11-22T00:00:00Z"))
        .setUpdatedAt(Instant.parse("2026-11-22T00:00:00Z"))
        .build();
  }

  private static byte[] read(Path path) {
    try {
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read fixture " + path, e);
    }
  }
}
