package dsgen.diffusion.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dsgen.diffusion.ClassTokens;
import dsgen.diffusion.DeviceOptions;
import dsgen.diffusion.EngineReport;
import dsgen.diffusion.GenerationOutput;
import dsgen.diffusion.GenerationRequest;
import dsgen.diffusion.GivenLatents;
import dsgen.diffusion.InitialLatents;
import dsgen.diffusion.InvalidGenerationRequestException;
import dsgen.diffusion.ModelLoadException;
import dsgen.diffusion.SeededLatents;
import dsgen.diffusion.StableDiffusion;
import dsgen.diffusion.pipeline.StepListener;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./dsgen generate}: one image and its attention file, offline (no Kafka). Writes {@code
 * image.png}, {@code attention.safetensors} and {@code meta.json} into {@code --out}; the same
 * arguments give the same bytes. Exit status 2 with a one-line reason for bad input (options,
 * request, model folder).
 */
public final class GenerateCommand {
  private GenerateCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    try {
      GenerateArgs a = GenerateArgs.parse(args);
      DeviceOptions device =
          DeviceOptions.resolve(
              "auto", a.dtype() == null ? "auto" : a.dtype(), EngineReport.current());
      InitialLatents latents =
          a.latents() == null ? SeededLatents.INSTANCE : GivenLatents.read(a.latents());
      try (StableDiffusion sd = StableDiffusion.load(a.model(), device)) {
        int nativeSize = sd.limits().maxSize() / 2;
        GenerationRequest request =
            GenerationRequest.builder()
                .prompt(a.prompt())
                .negativePrompt(a.negativePrompt())
                .classPrompt(a.classPrompt())
                .descriptivePrompt(a.descriptivePrompt())
                .classes(a.classes())
                .seed(a.seed())
                .width(a.width() > 0 ? a.width() : nativeSize)
                .height(a.height() > 0 ? a.height() : nativeSize)
                .steps(a.steps())
                .guidanceScale(a.guidance())
                .captureProfile(a.capture())
                .attentionDtype(a.attentionDtype())
                .sampler(a.sampler())
                .build();
        GenerationOutput o = sd.generate(List.of(request), latents, StepListener.NONE).get(0);
        Files.createDirectories(a.out());
        Files.write(a.out().resolve("image.png"), o.png());
        Files.write(a.out().resolve("attention.safetensors"), o.attention());
        Files.write(a.out().resolve("meta.json"), meta(a, request, o, sd, device));
        out.printf(
            "wrote %s (image.png, attention.safetensors with %d tensors, meta.json); text %d ms, denoise %d ms,"
                + " decode %d ms, capture %d ms%n",
            a.out(),
            o.tensorNames().size(),
            o.textEncodeMs(),
            o.denoiseMs(),
            o.decodeMs(),
            o.captureMs());
        return 0;
      }
    } catch (UsageException
        | InvalidGenerationRequestException
        | ModelLoadException
        | IllegalArgumentException e) {
      err.println("dsgen generate: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println("dsgen generate: " + e.getMessage());
      return 2;
    }
  }

  // Run parameters only (no timings or paths that change between runs), so equal runs give equal
  // bytes.
  private static byte[] meta(
      GenerateArgs a,
      GenerationRequest r,
      GenerationOutput o,
      StableDiffusion sd,
      DeviceOptions device)
      throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", sd.modelId());
    m.put("prompt", r.prompt());
    m.put("negative_prompt", r.negativePrompt());
    m.put("class_prompt", r.classPrompt());
    m.put("descriptive_prompt", r.descriptivePrompt());
    List<Map<String, Object>> classes = new ArrayList<>();
    for (ClassTokens c : o.classes()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("name", c.name());
      e.put("label", c.label());
      e.put("prompt_tokens", c.promptTokens());
      e.put("class_prompt_tokens", c.classPromptTokens());
      e.put("descriptive_tokens", c.descriptiveTokens());
      classes.add(e);
    }
    m.put("classes", classes);
    m.put("seed", r.seed());
    m.put("initial_latents", a.latents() == null ? "seed" : a.latents().getFileName().toString());
    m.put("width", r.width());
    m.put("height", r.height());
    m.put("steps", r.steps());
    m.put("guidance_scale", r.guidanceScale());
    m.put("sampler", o.sampler());
    m.put("timesteps", o.timesteps());
    m.put("device", device.deviceName());
    m.put("dtype", device.dtypeName());
    m.put("capture_profile", r.captureProfile());
    m.put("attention_dtype", r.attentionDtype());
    m.put("tensors", o.tensorNames());
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(m);
  }
}
