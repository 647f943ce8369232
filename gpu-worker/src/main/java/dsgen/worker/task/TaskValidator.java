package dsgen.worker.task;

import dsgen.attention.TensorName;
import dsgen.generation.Samplers;
import dsgen.recipe.CaptureProfiles;
import dsgen.records.ClassEntry;
import dsgen.records.GenerationParams;
import dsgen.records.PromptTask;
import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;
import java.util.regex.Pattern;

/**
 * Checks a prompt task before any GPU time is spent on it. Every rule names the field and the
 * allowed range, so the dead letter tells the submitter what to change. Pure: no I/O, no model.
 */
public final class TaskValidator {
  public static final int MAX_STEPS = 1000;

  /** Below 1 classifier-free guidance pushes away from the prompt; above 50 images saturate. */
  public static final double MIN_GUIDANCE = 1.0;

  public static final double MAX_GUIDANCE = 50.0;
  private static final Set<String> ATTENTION_DTYPES = Set.of("float16", "float32");
  private static final Pattern JOB_ID = Pattern.compile("[a-z0-9-]+");
  private static final Pattern IMAGE_ID = Pattern.compile("[a-z0-9-]+");

  private final int maxImageSize;
  private final String defaultCaptureProfile;

  /**
   * @param maxImageSize largest width or height the loaded model accepts
   * @param defaultCaptureProfile profile used when a task leaves its own empty
   */
  public TaskValidator(int maxImageSize, String defaultCaptureProfile) {
    this.maxImageSize = maxImageSize;
    this.defaultCaptureProfile = defaultCaptureProfile;
  }

  /**
   * Checks the task and resolves its capture once.
   *
   * @return the tensors the task's worker captures
   */
  public SortedSet<TensorName> validate(PromptTask task) throws InvalidTaskException {
    checkIds(task);
    String prompt = task.getPrompt();
    if (prompt == null || prompt.isBlank()) {
      throw invalid(TaskProblem.Code.EMPTY_PROMPT, "prompt is empty");
    }
    for (ClassEntry c : task.getClasses()) {
      checkClass(prompt, c);
    }
    GenerationParams p = task.getParams();
    if (p.getSteps() <= 0 || p.getSteps() > MAX_STEPS) {
      throw invalid(
          TaskProblem.Code.STEPS_OUT_OF_RANGE,
          "params.steps = " + p.getSteps() + " is outside 1.." + MAX_STEPS);
    }
    double g = p.getGuidanceScale();
    if (!(g >= MIN_GUIDANCE && g <= MAX_GUIDANCE)) {
      throw invalid(
          TaskProblem.Code.GUIDANCE_OUT_OF_RANGE,
          "params.guidanceScale = " + g + " is outside " + MIN_GUIDANCE + ".." + MAX_GUIDANCE);
    }
    checkSize("width", p.getWidth());
    checkSize("height", p.getHeight());
    if (!ATTENTION_DTYPES.contains(p.getAttentionDtype())) {
      throw invalid(
          TaskProblem.Code.UNKNOWN_ATTENTION_DTYPE,
          "params.attentionDtype = '"
              + p.getAttentionDtype()
              + "' is not one of "
              + ATTENTION_DTYPES);
    }
    // A task without a sampler asks for the model folder's own (resolved when the model plans it).
    String samplerProblem = Samplers.violation(p.getSampler()).orElse(null);
    if (samplerProblem != null) {
      throw invalid(TaskProblem.Code.UNKNOWN_SCHEDULER, "params.sampler " + samplerProblem);
    }
    return captureTensors(task);
  }

  /**
   * The tensors the task asks for: its {@code captureTensors}, or for a task without that list its
   * profile (the worker default filled in) resolved by the contract.
   */
  public SortedSet<TensorName> captureTensors(PromptTask task) throws InvalidTaskException {
    try {
      return CaptureProfiles.captureTensors(task.getParams(), defaultCaptureProfile);
    } catch (IllegalArgumentException e) {
      throw invalid(
          TaskProblem.Code.UNKNOWN_CAPTURE_PROFILE,
          (task.getParams().getCaptureTensors().isEmpty()
                  ? "params.captureProfile = '" + captureProfile(task) + "': "
                  : "params.captureTensors: ")
              + e.getMessage());
    }
  }

  /** The task's capture profile, or the worker's default when the task leaves it empty. */
  public String captureProfile(PromptTask task) {
    String own = task.getParams().getCaptureProfile();
    return own == null || own.isBlank() ? defaultCaptureProfile : own;
  }

  /**
   * Ids become object-key segments (generations/{jobId}/{imageId}/...): they must be plain names.
   */
  private static void checkIds(PromptTask task) throws InvalidTaskException {
    if (!JOB_ID.matcher(task.getJobId()).matches()) {
      throw invalid(
          TaskProblem.Code.INVALID_ID, "jobId '" + task.getJobId() + "' is not [a-z0-9-]+");
    }
    if (!IMAGE_ID.matcher(task.getImageId()).matches()
        || !task.getImageId().startsWith(task.getJobId() + "-")) {
      throw invalid(
          TaskProblem.Code.INVALID_ID,
          "imageId '"
              + task.getImageId()
              + "' is not {jobId}-{index}"
              + " of job '"
              + task.getJobId()
              + "'");
    }
  }

  private void checkSize(String field, int size) throws InvalidTaskException {
    if (size <= 0 || size % 8 != 0) {
      throw invalid(
          TaskProblem.Code.SIZE_NOT_MULTIPLE_OF_8,
          "params." + field + " = " + size + " is not a positive multiple of 8");
    }
    if (size > maxImageSize) {
      throw invalid(
          TaskProblem.Code.SIZE_TOO_LARGE,
          "params."
              + field
              + " = "
              + size
              + " is larger than this model's maximum "
              + maxImageSize);
    }
  }

  private static void checkClass(String prompt, ClassEntry c) throws InvalidTaskException {
    String name = c.getName();
    if (name == null || name.isBlank()) {
      throw invalid(TaskProblem.Code.CLASS_NOT_IN_PROMPT, "a class has an empty name");
    }
    if (!mentions(prompt, name)) {
      throw invalid(
          TaskProblem.Code.CLASS_NOT_IN_PROMPT,
          "class '" + name + "' does not occur in the prompt '" + prompt + "'");
    }
    if (c.getLabel() < 1 || c.getLabel() > 254) {
      throw invalid(
          TaskProblem.Code.INVALID_LABEL,
          "class '"
              + name
              + "' has label "
              + c.getLabel()
              + "; labels are 1..254 (0 background, 255 ignore)");
    }
  }

  /**
   * Whole-word, case-insensitive occurrence: attention is read from the class word's own tokens, so
   * a class hidden inside another word ("cat" in "category", "cats") does not count, as in the
   * diffusion library.
   */
  static boolean mentions(String prompt, String className) {
    Pattern word =
        Pattern.compile(
            "(?<![\\p{L}\\p{N}])"
                + Pattern.quote(className.trim().toLowerCase(Locale.ROOT))
                + "(?![\\p{L}\\p{N}])");
    return word.matcher(prompt.toLowerCase(Locale.ROOT)).find();
  }

  private static InvalidTaskException invalid(TaskProblem.Code code, String message) {
    return new InvalidTaskException(new TaskProblem(code, message));
  }
}
