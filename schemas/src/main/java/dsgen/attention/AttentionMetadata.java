package dsgen.attention;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code __metadata__} of an attention file. Numbers a file leaves out read as -1 (NaN for the
 * guidance scale) and texts as empty; {@link #classes()}, {@link #resolutions()} and {@link
 * #format()} are always present. {@link #toMap()} and {@link #parse} are the one spelling of the
 * keys ({@link MetadataKeys}). {@code sampler} (ddim, pndm, dpmsolver++ or euler) and {@code
 * unetCalls} (the UNet evaluations every mean runs over; PNDM makes one more than its steps) are
 * left out of the map when empty / -1, as in files written before samplers other than DDIM.
 */
public record AttentionMetadata(
    String format,
    String prompt,
    String negativePrompt,
    String classPrompt,
    String descriptivePrompt,
    List<Integer> tokenIds,
    List<AttentionClass> classes,
    String model,
    String scheduler,
    int steps,
    List<Integer> timesteps,
    double guidanceScale,
    long seed,
    int latentSize,
    List<Integer> resolutions,
    String dtype,
    String captureProfile,
    String sampler,
    int unetCalls) {

  public AttentionMetadata {
    tokenIds = List.copyOf(tokenIds);
    classes = List.copyOf(classes);
    timesteps = List.copyOf(timesteps);
    resolutions = List.copyOf(resolutions);
  }

  /** R: the largest attention resolution (latent size). */
  public int topResolution() {
    return resolutions.stream().mapToInt(Integer::intValue).max().orElseThrow();
  }

  public boolean hasClassPrompt() {
    return classPrompt != null && !classPrompt.isEmpty();
  }

  /** The same metadata under another format version (what re-encoding a file changes). */
  public AttentionMetadata withFormat(String newFormat) {
    return new AttentionMetadata(
        newFormat,
        prompt,
        negativePrompt,
        classPrompt,
        descriptivePrompt,
        tokenIds,
        classes,
        model,
        scheduler,
        steps,
        timesteps,
        guidanceScale,
        seed,
        latentSize,
        resolutions,
        dtype,
        captureProfile,
        sampler,
        unetCalls);
  }

  /** The string map as a file stores it, keys sorted. */
  public Map<String, String> toMap() {
    Map<String, String> m = new TreeMap<>();
    m.put(MetadataKeys.FORMAT, format);
    m.put(MetadataKeys.PROMPT, prompt);
    m.put(MetadataKeys.NEGATIVE_PROMPT, negativePrompt);
    m.put(MetadataKeys.CLASS_PROMPT, classPrompt);
    m.put(MetadataKeys.DESCRIPTIVE_PROMPT, descriptivePrompt);
    m.put(MetadataKeys.TOKEN_IDS, MetadataJson.write(tokenIds));
    List<Map<String, Object>> entries = new ArrayList<>();
    for (AttentionClass c : classes) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put(MetadataKeys.CLASS_NAME, c.name());
      e.put(MetadataKeys.CLASS_LABEL, c.label());
      e.put(MetadataKeys.CLASS_PROMPT_TOKENS, c.promptTokens());
      e.put(MetadataKeys.CLASS_CLASS_PROMPT_TOKENS, c.classPromptTokens());
      e.put(MetadataKeys.CLASS_DESCRIPTIVE_TOKENS, c.descriptiveTokens());
      entries.add(e);
    }
    m.put(MetadataKeys.CLASSES, MetadataJson.write(entries));
    m.put(MetadataKeys.MODEL, model);
    m.put(MetadataKeys.SCHEDULER, scheduler);
    m.put(MetadataKeys.STEPS, Integer.toString(steps));
    m.put(MetadataKeys.TIMESTEPS, MetadataJson.write(timesteps));
    m.put(MetadataKeys.GUIDANCE_SCALE, Double.toString(guidanceScale));
    m.put(MetadataKeys.SEED, Long.toString(seed));
    m.put(MetadataKeys.LATENT_SIZE, Integer.toString(latentSize));
    m.put(MetadataKeys.RESOLUTIONS, MetadataJson.write(resolutions));
    m.put(MetadataKeys.DTYPE, dtype);
    m.put(MetadataKeys.CAPTURE_PROFILE, captureProfile);
    if (sampler != null && !sampler.isEmpty()) {
      m.put(MetadataKeys.SAMPLER, sampler);
    }
    if (unetCalls >= 0) {
      m.put(MetadataKeys.UNET_CALLS, Integer.toString(unetCalls));
    }
    return m;
  }

  /**
   * Reads a file's string map.
   *
   * @throws AttentionFormatException UNKNOWN_FORMAT or BAD_METADATA naming the field
   */
  public static AttentionMetadata parse(Map<String, String> m) {
    return MetadataParser.parse(m);
  }
}
