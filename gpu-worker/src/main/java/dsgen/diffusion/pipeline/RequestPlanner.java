package dsgen.diffusion.pipeline;

import dsgen.attention.TensorName;
import dsgen.diffusion.ClassSpec;
import dsgen.diffusion.ClassTokens;
import dsgen.diffusion.GenerationRequest;
import dsgen.diffusion.InvalidGenerationRequestException;
import dsgen.diffusion.capture.CapturableTensors;
import dsgen.diffusion.scheduler.Sampler;
import dsgen.diffusion.scheduler.SamplerKind;
import dsgen.diffusion.tokenizer.ClipTokenizer;
import dsgen.generation.GenerationRules;
import dsgen.generation.RuleViolation;
import dsgen.generation.Samplers;
import dsgen.recipe.CaptureProfiles;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Validates requests against a loaded model and turns them into {@link PlannedRequest}s: field
 * checks, token ids, class token positions (a class absent from a prompt it must appear in is a bad
 * request) and the capture set.
 */
public final class RequestPlanner {
  private final LoadedModel model;
  private final GenerationRules rules;

  /**
   * @param rules the contract's generation rules, given this model's limits
   */
  public RequestPlanner(LoadedModel model, GenerationRules rules) {
    this.model = model;
    this.rules = rules;
  }

  public List<PlannedRequest> plan(List<GenerationRequest> batch) {
    if (batch.isEmpty()) {
      throw new InvalidGenerationRequestException("batch", "empty");
    }
    GenerationRequest first = batch.get(0);
    List<PlannedRequest> out = new ArrayList<>();
    for (GenerationRequest r : batch) {
      if (r.width() != first.width()
          || r.height() != first.height()
          || r.steps() != first.steps()
          || r.guidanceScale() != first.guidanceScale()) {
        throw new InvalidGenerationRequestException(
            "batch",
            "requests of one batch must share width, height, " + "steps and guidance scale");
      }
      out.add(plan(r));
    }
    if (out.stream().map(p -> p.sampler().kind()).distinct().count() > 1) {
      throw new InvalidGenerationRequestException(
          "batch", "requests of one batch must share the sampler");
    }
    return out;
  }

  PlannedRequest plan(GenerationRequest r) {
    Sampler sampler = sampler(r.sampler());
    validateFields(r, sampler);
    ClipTokenizer tok = model.tokenizer();
    int[] prompt = tok.encode(r.prompt());
    int[] negative = tok.encode(r.negativePrompt());
    int[] classPrompt = r.classPrompt().isBlank() ? null : tok.encode(r.classPrompt());
    int[] descriptive =
        r.descriptivePrompt().isBlank() ? null : tok.encodeUnpadded(r.descriptivePrompt());
    List<ClassTokens> classes = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (ClassSpec c : r.classes()) {
      if (c.name() == null || c.name().isBlank()) {
        throw new InvalidGenerationRequestException("classes", "a class has an empty name");
      }
      check("classes['" + c.name() + "'].label", GenerationRules.label(c.label()));
      if (!seen.add(c.name())) {
        throw new InvalidGenerationRequestException(
            "classes", "class '" + c.name() + "' is listed twice");
      }
      classes.add(
          new ClassTokens(
              c.name(),
              c.label(),
              positions(tok, prompt, c.name(), "prompt", r.prompt()),
              classPrompt == null
                  ? List.of()
                  : positions(tok, classPrompt, c.name(), "classPrompt", r.classPrompt()),
              descriptive == null
                  ? List.of()
                  : positions(
                      tok, descriptive, c.name(), "descriptivePrompt", r.descriptivePrompt())));
    }
    return new PlannedRequest(
        r, prompt, negative, classPrompt, descriptive, List.copyOf(classes), tensors(r), sampler);
  }

  private static List<Integer> positions(
      ClipTokenizer tok, int[] ids, String name, String field, String text) {
    List<Integer> p = tok.positionsOf(ids, name);
    if (p.isEmpty()) {
      throw new InvalidGenerationRequestException(
          field,
          "class '"
              + name
              + "' does not occur in \""
              + text
              + "\" (as a whole word, after tokenization"
              + (tok.tokenCount(text) > tok.maxLength() - 2
                  ? ", within the first " + (tok.maxLength() - 2) + " tokens"
                  : "")
              + ")");
    }
    return List.copyOf(p);
  }

  /** The sampler a request names (null: the folder's default) if this model folder can run it. */
  private Sampler sampler(String name) {
    SamplerKind kind;
    if (name == null) {
      kind = model.samplers().folderDefault();
    } else {
      String problem = Samplers.violation(name).orElse(null);
      if (problem != null) {
        throw new InvalidGenerationRequestException("sampler", problem);
      }
      kind = SamplerKind.byId(name).orElseThrow();
    }
    return model
        .samplers()
        .get(kind)
        .orElseThrow(
            () ->
                new InvalidGenerationRequestException(
                    "sampler",
                    kind
                        + " cannot run with this model folder's scheduler configuration: "
                        + model.samplers().refusal(kind)));
  }

  private void validateFields(GenerationRequest r, Sampler sampler) {
    check("prompt", GenerationRules.prompt(r.prompt()));
    check("negativePrompt", GenerationRules.promptLength(r.negativePrompt()));
    check("classPrompt", GenerationRules.promptLength(r.classPrompt()));
    check("descriptivePrompt", GenerationRules.promptLength(r.descriptivePrompt()));
    check("width", rules.size(r.width()));
    check("height", rules.size(r.height()));
    // The sampler the request runs may take fewer steps than the folder's default one.
    check("steps", GenerationRules.steps(r.steps(), sampler.maxSteps()));
    check("guidanceScale", GenerationRules.guidance(r.guidanceScale()));
    check("attentionDtype", GenerationRules.attentionDtype(r.attentionDtype()));
    check("attentionEncoding", GenerationRules.attentionEncoding(r.attentionEncoding()));
  }

  private static void check(String field, Optional<RuleViolation> violation) {
    violation.ifPresent(
        v -> {
          throw new InvalidGenerationRequestException(field, v.reason());
        });
  }

  // The request's tensors that this model produces for it: a named profile drops the others, an
  // explicit list must be producible as a whole.
  private SortedSet<TensorName> tensors(GenerationRequest r) {
    int latent = r.width() / model.vaeScale();
    SortedSet<TensorName> available =
        CapturableTensors.available(model.unet().attentionLayers(), latent);
    boolean explicit = !CaptureProfiles.isNamed(r.captureProfile());
    SortedSet<TensorName> out = new TreeSet<>();
    for (TensorName name : r.captureTensors()) {
      if (!available.contains(name)) {
        if (explicit) {
          throw new InvalidGenerationRequestException(
              "captureProfile",
              "tensor '"
                  + name
                  + "' cannot be captured"
                  + " by this model at "
                  + r.width()
                  + "x"
                  + r.height()
                  + " (available: "
                  + TensorName.spell(available)
                  + ")");
        }
        continue;
      }
      boolean needsClassPrompt = name.family().needsClassPrompt();
      boolean needsDescriptive = name.family().needsDescriptivePrompt();
      if ((needsClassPrompt && r.classPrompt().isBlank())
          || (needsDescriptive && r.descriptivePrompt().isBlank())) {
        if (explicit) {
          throw new InvalidGenerationRequestException(
              needsClassPrompt ? "classPrompt" : "descriptivePrompt",
              "tensor '"
                  + name
                  + "' needs a "
                  + (needsClassPrompt ? "class" : "descriptive")
                  + " prompt");
        }
        continue;
      }
      out.add(name);
    }
    if (!out.isEmpty() && r.width() != r.height()) {
      throw new InvalidGenerationRequestException(
          "size",
          "attention capture needs a square image, got "
              + r.width()
              + "x"
              + r.height()
              + " (use capture profile 'none')");
    }
    return out;
  }
}
