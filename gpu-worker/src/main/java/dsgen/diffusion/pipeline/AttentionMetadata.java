package dsgen.diffusion.pipeline;

import dsgen.diffusion.ClassTokens;
import dsgen.diffusion.GenerationRequest;
import dsgen.diffusion.capture.AttentionFileWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code __metadata__} string map of an attention file (ALGORITHMS.md A2); JSON values are
 * compact.
 */
public final class AttentionMetadata {
  public static final String FORMAT = "dsgen-attention/1";

  private AttentionMetadata() {}

  public static Map<String, String> of(
      PlannedRequest p,
      String modelId,
      int[] timesteps,
      int latentSide,
      List<Integer> resolutions,
      String computeDtype) {
    GenerationRequest r = p.request();
    Map<String, String> m = new TreeMap<>();
    m.put("format", FORMAT);
    m.put("prompt", r.prompt());
    m.put("negative_prompt", r.negativePrompt());
    m.put("class_prompt", r.classPrompt());
    m.put("descriptive_prompt", r.descriptivePrompt());
    m.put("token_ids", AttentionFileWriter.json(p.promptIds()));
    List<Map<String, Object>> classes = new ArrayList<>();
    for (ClassTokens c : p.classes()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("name", c.name());
      e.put("label", c.label());
      e.put("prompt_tokens", c.promptTokens());
      e.put("class_prompt_tokens", c.classPromptTokens());
      e.put("descriptive_tokens", c.descriptiveTokens());
      classes.add(e);
    }
    m.put("classes", AttentionFileWriter.json(classes));
    m.put("model", modelId);
    m.put("scheduler", "DDIM");
    m.put("steps", Integer.toString(r.steps()));
    m.put("timesteps", AttentionFileWriter.json(timesteps));
    m.put("guidance_scale", Double.toString(r.guidanceScale()));
    m.put("seed", Long.toString(r.seed()));
    m.put("latent_size", Integer.toString(latentSide));
    m.put("resolutions", AttentionFileWriter.json(resolutions));
    m.put("dtype", computeDtype);
    m.put("capture_profile", r.captureProfile());
    return m;
  }
}
