package dsgen.producer.api;

import dsgen.attention.AttentionFormat;
import dsgen.attention.TensorName;
import dsgen.generation.Samplers;
import dsgen.recipe.CaptureProfiles;
import dsgen.recipe.Recipe;
import dsgen.recipe.Resolutions;
import dsgen.records.GenerationParams;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Generation parameters shared by every task of a job. The capture profile, unless the job names
 * one, is the union of the tensors its recipes need, so a worker computes nothing the mask stage
 * will not read; a named profile must cover those tensors.
 */
final class GenerationParamsResolver {
  /** UNet downsampling (VAE 8x, then three 2x stages) needs the side to be a multiple of 64. */
  static final int SIZE_STEP = 64;

  static final double MAX_GUIDANCE = 50;

  private final RequestLimits limits;
  private final RequestDefaults defaults;

  GenerationParamsResolver(RequestLimits limits, RequestDefaults defaults) {
    this.limits = limits;
    this.defaults = defaults;
  }

  /**
   * Image side of the request, or -1 when it is invalid (then recipes cannot be resolved either).
   */
  int size(JobRequest request, Violations violations) {
    int size = request.size() == null ? defaults.size() : request.size();
    if (size < SIZE_STEP || size > limits.maxSize() || size % SIZE_STEP != 0) {
      violations.add(
          "size",
          "must be a multiple of "
              + SIZE_STEP
              + " between "
              + SIZE_STEP
              + " and "
              + limits.maxSize()
              + ", was "
              + size);
      return -1;
    }
    return size;
  }

  GenerationParams resolve(
      JobRequest request, int size, List<Recipe> recipes, Violations violations) {
    int steps = request.steps() == null ? defaults.steps() : request.steps();
    if (steps < 1 || steps > limits.maxSteps()) {
      violations.add("steps", "must be 1.." + limits.maxSteps() + ", was " + steps);
    }
    Samplers.violation(request.sampler()).ifPresent(v -> violations.add("sampler", v));
    double guidance = request.guidance() == null ? defaults.guidance() : request.guidance();
    if (!(guidance >= 0 && guidance <= MAX_GUIDANCE)) {
      violations.add(
          "guidance",
          "must be 0.." + (int) MAX_GUIDANCE + " (1 disables guidance), was " + guidance);
    }
    String negative =
        request.negativePrompt() == null ? defaults.negativePrompt() : request.negativePrompt();
    if (negative.length() > limits.maxPromptLength()) {
      violations.add(
          "negativePrompt",
          negative.length() + " characters, the limit is " + limits.maxPromptLength());
    }
    String dtype =
        request.attentionDtype() == null ? defaults.attentionDtype() : request.attentionDtype();
    if (!dtype.equals("float16") && !dtype.equals("float32")) {
      violations.add("attentionDtype", "must be float16 or float32, was '" + dtype + "'");
    }
    String encoding =
        request.attentionEncoding() == null
            ? defaults.attentionEncoding()
            : request.attentionEncoding();
    try {
      AttentionFormat.ofEncoding(encoding);
    } catch (IllegalArgumentException e) {
      violations.add("attentionEncoding", e.getMessage());
    }
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
