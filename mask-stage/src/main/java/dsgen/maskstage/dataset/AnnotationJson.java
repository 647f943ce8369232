package dsgen.maskstage.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dsgen.records.ClassEntry;
import dsgen.records.Generation;
import dsgen.records.GenerationParams;
import dsgen.records.GenerationTimings;
import dsgen.records.MaskTimings;
import dsgen.records.RecipeRef;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code annotations/{imageId}.json}: everything needed to reproduce one pair — prompt, seed, model
 * and generation parameters, the recipe with every parameter, per-class pixel fractions and where
 * the time went.
 */
public final class AnnotationJson {

  public static final String FORMAT = "dsgen-annotation/1";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private AnnotationJson() {}

  /**
   * @param maskTimings fetch and mask time of this pair; its write time covers the image and the
   *     mask objects, which are written before this annotation
   */
  public static byte[] of(
      Generation g,
      RecipeRef recipe,
      DatasetKeys keys,
      Map<String, Double> classFractions,
      MaskTimings maskTimings) {
    GenerationParams p = g.getParams();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("format", FORMAT);
    doc.put("imageId", g.getImageId());
    doc.put("jobId", g.getJobId());
    doc.put("dataset", keys.dataset());
    doc.put("generationId", g.getGenerationId());
    doc.put("prompt", g.getPrompt());
    doc.put("negativePrompt", p.getNegativePrompt());
    doc.put("classPrompt", g.getClassPrompt());
    doc.put("descriptivePrompt", g.getDescriptivePrompt());
    doc.put("seed", g.getSeed());
    doc.put("model", g.getModelId());
    doc.put("steps", p.getSteps());
    doc.put("guidance", p.getGuidanceScale());
    doc.put("sampler", p.getSampler());
    doc.put("width", p.getWidth());
    doc.put("height", p.getHeight());
    doc.put("device", g.getDevice());
    doc.put("dtype", g.getDtype());
    doc.put("attentionDtype", p.getAttentionDtype());
    doc.put("captureProfile", p.getCaptureProfile());
    doc.put("classes", classes(g.getClasses()));
    doc.put("recipe", recipe(recipe));
    doc.put("classFractions", classFractions);
    doc.put(
        "timings",
        ordered(
            "generation", generationTimings(g.getTimings()),
            "mask", maskTimings(maskTimings)));
    doc.put(
        "files",
        ordered(
            "image", relative(keys, keys.image(g.getImageId())),
            "mask", relative(keys, keys.mask(g.getImageId()))));
    doc.put(
        "source",
        ordered(
            "image", g.getImage().getUri(),
            "attention", g.getAttention().getUri()));
    try {
      return JSON.writeValueAsString(doc).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "annotation of " + g.getImageId() + " could not be encoded", e);
    }
  }

  /**
   * The {@code classes} of an annotation written by {@link #of}: each class's name and label id.
   *
   * @param imageId names the annotation in errors
   * @throws IllegalArgumentException when the document is not JSON or a class lacks its name or
   *     label
   */
  public static List<ClassEntry> classes(byte[] annotation, String imageId) {
    JsonNode doc;
    try {
      doc = JSON.readTree(annotation);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(
          "annotation of " + imageId + " is not JSON: " + e.getMessage(), e);
    }
    List<ClassEntry> out = new java.util.ArrayList<>();
    for (JsonNode c : doc.path("classes")) {
      if (!c.path("name").isTextual() || !c.path("label").canConvertToInt()) {
        throw new IllegalArgumentException(
            "annotation of " + imageId + " lists a class without a name and a label: " + c);
      }
      out.add(
          ClassEntry.newBuilder()
              .setName(c.path("name").asText())
              .setLabel(c.path("label").asInt())
              .build());
    }
    return out;
  }

  private static List<Map<String, Object>> classes(List<ClassEntry> classes) {
    return classes.stream()
        .<Map<String, Object>>map(
            c -> {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("name", c.getName());
              m.put("label", c.getLabel());
              return m;
            })
        .toList();
  }

  private static Map<String, Object> recipe(RecipeRef recipe) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("recipeId", recipe.getRecipeId());
    m.put("method", recipe.getMethod());
    try {
      JsonNode canonical = JSON.readTree(recipe.getCanonicalJson());
      m.put("params", canonical.path("params"));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "recipe " + recipe.getRecipeId() + " has no valid canonical JSON", e);
    }
    return m;
  }

  private static Map<String, Object> generationTimings(GenerationTimings t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("queuedMs", t.getQueuedMs());
    m.put("textEncodeMs", t.getTextEncodeMs());
    m.put("denoiseMs", t.getDenoiseMs());
    m.put("decodeMs", t.getDecodeMs());
    m.put("captureMs", t.getCaptureMs());
    m.put("storeMs", t.getStoreMs());
    m.put("batchSize", t.getBatchSize());
    return m;
  }

  private static Map<String, Object> maskTimings(MaskTimings t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("fetchMs", t.getFetchMs());
    m.put("maskMs", t.getMaskMs());
    m.put("writeMs", t.getWriteMs());
    return m;
  }

  /** Map.of would shuffle the keys between runs; the same pair should give the same bytes. */
  private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(k1, v1);
    m.put(k2, v2);
    return m;
  }

  private static String relative(DatasetKeys keys, String key) {
    return key.substring(keys.prefix().length());
  }
}
