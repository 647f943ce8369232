package dsgen.diffusion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dsgen.diffusion.io.SafetensorsFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The request a golden run made, as its fixture records it: the {@code __metadata__} of the golden
 * {@code attention.safetensors} (the "Metadata" table of the golden README), read once per golden
 * folder. Tests start from this builder and change only what they test.
 */
public final class GoldenRequests {
  /** Image pixels per latent pixel: the SD VAE's downsampling, which the tiny model shares. */
  private static final int VAE_FACTOR = 8;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<Path, Map<String, String>> RUNS = new ConcurrentHashMap<>();

  private GoldenRequests() {}

  /** The DDIM golden ({@code tiny-sd2-golden}): its sampler is the model folder's own. */
  public static GenerationRequest.Builder ddim() {
    return of(Fixtures.golden("attention.safetensors"));
  }

  /** A sampler golden ({@code tiny-sd2-golden-pndm}, {@code -dpmsolver}, {@code -euler}). */
  public static GenerationRequest.Builder sampler(String golden) {
    return of(Fixtures.samplerGolden(golden, "attention.safetensors"));
  }

  private static GenerationRequest.Builder of(Path attention) {
    Map<String, String> m =
        RUNS.computeIfAbsent(attention, p -> SafetensorsFile.open(p, "golden").metadata());
    int size = Integer.parseInt(m.get("latent_size")) * VAE_FACTOR;
    return GenerationRequest.builder()
        .prompt(m.get("prompt"))
        .negativePrompt(m.get("negative_prompt"))
        .classPrompt(m.get("class_prompt"))
        .descriptivePrompt(m.get("descriptive_prompt"))
        .classes(classes(m.get("classes")))
        .seed(Long.parseLong(m.get("seed")))
        .width(size)
        .height(size)
        .steps(Integer.parseInt(m.get("steps")))
        .guidanceScale(Double.parseDouble(m.get("guidance_scale")))
        .captureProfile(m.get("capture_profile"))
        .attentionDtype(m.get("dtype"))
        .sampler(m.get("sampler"));
  }

  private static List<ClassSpec> classes(String json) {
    try {
      List<ClassSpec> out = new ArrayList<>();
      for (JsonNode c : JSON.readTree(json)) {
        out.add(new ClassSpec(c.get("name").asText(), c.get("label").asInt()));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
