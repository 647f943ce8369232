package dsgen.producer.api;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code POST /jobs}. Every field but {@code dataset} and {@code recipes} is optional; what
 * is left out gets the configured default. Exactly one prompt source may be given: {@code
 * templates} (the default, with {@code "a photo of a {class}"}), {@code captions} or {@code
 * prompts}.
 */
@Schema(name = "JobRequest", description = "A dataset-generation job")
public record JobRequest(
    @Schema(description = "Job id ([a-z0-9-], at most 40 characters); generated when absent")
        String jobId,
    @Schema(description = "Dataset the pairs are written into", required = true, examples = "pets")
        String dataset,
    @Schema(
            description =
                "Classes with optional label ids (1..254; default: the next free id in list order)")
        List<ClassRequest> classes,
    @Schema(
            description =
                "Class preset instead of classes: 'voc' (the 20 Pascal VOC classes, ids 1..20)")
        String preset,
    @Schema(description = "Prompt templates with a {class} placeholder") List<String> templates,
    @Schema(description = "Images per class and template (templates mode, default 1)")
        Integer imagesPerClass,
    @Schema(
            description =
                "Captions; the prompt becomes '<text>; <class> <class>' (Dataset Diffusion)")
        List<CaptionRequest> captions,
    @Schema(description = "Prompts used verbatim") List<PromptRequest> prompts,
    @Schema(description = "Images per caption or prompt (default 1)") Integer repeats,
    @Schema(
            description =
                "Job seed; the seed of image i is derived from (seed, i). Random when absent")
        Long seed,
    @Schema(description = "Denoising steps of the sampler") Integer steps,
    @Schema(
            description =
                "Sampler: ddim, pndm, dpmsolver++ or euler; absent: the model folder's own scheduler"
                    + " class when the worker supports it, else ddim (the Generation records which ran)")
        String sampler,
    @Schema(description = "Classifier-free guidance scale") Double guidance,
    @Schema(description = "Image side in pixels (square, a multiple of 64)") Integer size,
    @Schema(description = "Negative prompt") String negativePrompt,
    @Schema(
            description =
                "Capture profile: 'replayable' (the default: every tensor any recipe can read),"
                    + " 'default', 'full' or a comma-separated tensor list; must cover the recipes")
        String captureProfile,
    @Schema(description = "Storage precision of the attention file: float16 or float32")
        String attentionDtype,
    @Schema(
            description =
                "Attention file encoding: 'compact' (the default, dsgen-attention/2) or 'lossless'")
        String attentionEncoding,
    @Schema(description = "Mask recipes run for every image", required = true)
        List<RecipeRequest> recipes,
    @Schema(description = "Keep producing until cancelled, cycling through the prompt source")
        Boolean continuous,
    @Schema(
            description =
                "Tasks kept waiting for a worker (or in its hands); further tasks are produced as"
                    + " these settle, for finite and continuous jobs")
        Integer targetBacklog) {

  @Schema(name = "ClassRequest")
  public record ClassRequest(
      @Schema(
              required = true,
              description = "Class name as written in prompts, e.g. 'potted plant'")
          String name,
      @Schema(description = "Label id in the masks (1..254)") Integer label) {}

  @Schema(name = "CaptionRequest")
  public record CaptionRequest(
      @Schema(required = true) String text,
      @Schema(required = true, description = "Names of the job classes the caption shows")
          List<String> classes) {}

  @Schema(name = "PromptRequest")
  public record PromptRequest(
      @Schema(required = true) String prompt,
      @Schema(
              required = true,
              description = "Names of the job classes the prompt shows; each must occur in it")
          List<String> classes,
      @Schema(description = "Class prompt (Dataset Diffusion); default: the class names")
          String classPrompt) {}

  @Schema(name = "RecipeRequest")
  public record RecipeRequest(
      @Schema(
              required = true,
              description = "seediff, seediff-code, dataset-diffusion, diffumask or pcc")
          String method,
      @Schema(
              description =
                  "Parameters (kebab-case) overriding the method's defaults; lists as JSON arrays")
          Map<String, Object> params) {}
}
