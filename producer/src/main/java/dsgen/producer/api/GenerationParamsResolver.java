package dsgen.producer.api;

import dsgen.attention.TensorName;
import dsgen.generation.GenerationRules;
import dsgen.generation.RuleViolation;
import dsgen.generation.Samplers;
import dsgen.recipe.CaptureProfiles;
import dsgen.recipe.Recipe;
import dsgen.recipe.Resolutions;
import dsgen.records.GenerationParams;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Generation parameters shared by every task of a job. The capture profile, unless the job names
 * one, is the union of the tensors its recipes need, so a worker computes nothing the mask stage
 * will not read; a named profile must cover those tensors.
 */
final class GenerationParamsResolver {
  private final GenerationRules rules;
  private final RequestDefaults defaults;

  GenerationParamsResolver(RequestLimits limits, RequestDefaults defaults) {
    this.rules = new GenerationRules(limits.model());
    this.defaults = defaults;
  }

  /**
   * Image side of the request, or -1 when it is invalid (then recipes cannot be resolved either).
   */
  int size(JobRequest request, Violations violations) {
    int size = request.size() == null ? defaults.size() : request.size();
    Optional<RuleViolation> refused = rules.size(size);
    refused.ifPresent(v -> violations.add("size", v.reason()));
    return refused.isPresent() ? -1 : size;
  }

  GenerationParams resolve(
      JobRequest request, int size, List<Recipe> recipes, Violations violations) {
    int steps = request.steps() == null ? defaults.steps() : request.steps();
    rules.steps(steps).ifPresent(v -> violations.add("steps", v.reason()));
    Samplers.violation(request.sampler()).ifPresent(v -> violations.add("sampler", v));
    double guidance = request.guidance() == null ? defaults.guidance() : request.guidance();
    GenerationRules.guidance(guidance).ifPresent(v -> violations.add("guidance", v.reason()));
    String negative =
        request.negativePrompt() == null ? defaults.negativePrompt() : request.negativePrompt();
    GenerationRules.promptLength(negative)
        .ifPresent(v -> violations.add("negativePrompt", v.reason()));
    String dtype =
        request.attentionDtype() == null ? defaults.attentionDtype() : request.attentionDtype();
    GenerationRules.attentionDtype(dtype)
        .ifPresent(v -> violations.add("attentionDtype", v.reason()));
    String encoding =
        request.attentionEncoding() == null
            ? defaults.attentionEncoding()
            : request.attentionEncoding();
    GenerationRules.attentionEncoding(encoding)
        .ifPresent(v -> violations.add("attentionEncoding", v.reason()));
    Capture capture =
        size > 0
            ? capture(request.captureProfile(), size / 8, recipes, violations)
            : new Capture("", List.of());
    return GenerationParams.newBuilder()
        .setWidth(Math.max(size, 0))
        .setHeight(Math.max(size, 0))
        .setSteps(steps)
        .setSampler(request.sampler())
        .setGuidanceScale(guidance)
        .setNegativePrompt(negative)
        .setCaptureProfile(capture.profile())
        .setCaptureTensors(capture.tensors())
        .setAttentionDtype(dtype)
        .setAttentionEncoding(encoding)
        .build();
  }

  /** The profile as recorded and the tensor list it resolves to (the task's captureTensors). */
  private record Capture(String profile, List<String> tensors) {}

  /**
   * Resolves the capture once for every task of the job: when the request names no profile, the
   * {@code replayable} profile (every tensor a replay of any recipe can read) plus anything else
   * the job's recipes read; else the named profile, which must cover the recipes.
   */
  private static Capture capture(
      String requested, int topResolution, List<Recipe> recipes, Violations violations) {
    SortedSet<TensorName> needed = CaptureProfiles.tensorsFor(recipes, topResolution);
    if (requested == null) {
      SortedSet<TensorName> replayable =
          CaptureProfiles.tensorsFor(
              CaptureProfiles.REPLAYABLE, Resolutions.available(topResolution));
      replayable.addAll(needed);
      return new Capture(CaptureProfiles.REPLAYABLE, TensorName.spell(replayable));
    }
    SortedSet<TensorName> captured;
    try {
      captured = CaptureProfiles.tensorsFor(requested, Resolutions.available(topResolution));
    } catch (IllegalArgumentException e) {
      violations.add("captureProfile", e.getMessage());
      return new Capture(requested, List.of());
    }
    Set<TensorName> missing = new TreeSet<>(needed);
    missing.removeAll(captured);
    if (!missing.isEmpty()) {
      violations.add(
          "captureProfile",
          "profile '"
              + requested
              + "' does not capture "
              + String.join(", ", TensorName.spell(missing))
              + ", needed by the recipes; leave captureProfile out to derive it");
    }
    return new Capture(requested, TensorName.spell(captured));
  }
}
