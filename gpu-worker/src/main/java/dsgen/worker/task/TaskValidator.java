package dsgen.worker.task;

import dsgen.attention.TensorName;
import dsgen.generation.GenerationRules;
import dsgen.generation.ModelLimits;
import dsgen.generation.RuleViolation;
import dsgen.generation.Samplers;
import dsgen.recipe.CaptureProfiles;
import dsgen.records.ClassEntry;
import dsgen.records.GenerationParams;
import dsgen.records.PromptTask;
import java.util.Optional;
import java.util.SortedSet;
import java.util.regex.Pattern;

/**
 * Checks a prompt task before any GPU time is spent on it. The generation rules are the contract's
 * {@link GenerationRules}, given the loaded model's limits, the ones the job API applies; every
 * refusal names the field and the allowed range, so the dead letter tells the submitter what to
 * change. Pure: no I/O, no model.
 */
public final class TaskValidator {
  private static final Pattern JOB_ID = Pattern.compile("[a-z0-9-]+");
  private static final Pattern IMAGE_ID = Pattern.compile("[a-z0-9-]+");

  private final GenerationRules rules;
  private final String defaultCaptureProfile;

  /**
   * @param limits what the loaded model accepts
   * @param defaultCaptureProfile profile used when a task leaves its own empty
   */
  public TaskValidator(ModelLimits limits, String defaultCaptureProfile) {
    this.rules = new GenerationRules(limits);
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
    check("prompt", GenerationRules.prompt(prompt));
    check("classPrompt", GenerationRules.promptLength(task.getClassPrompt()));
    check("descriptivePrompt", GenerationRules.promptLength(task.getDescriptivePrompt()));
    for (int i = 0; i < task.getClasses().size(); i++) {
      ClassEntry c = task.getClasses().get(i);
      check("classes[" + i + "].name", GenerationRules.classInPrompt(prompt, c.getName()));
      check("classes[" + i + "].label", GenerationRules.label(c.getLabel()));
    }
    GenerationParams p = task.getParams();
    check("params.negativePrompt", GenerationRules.promptLength(p.getNegativePrompt()));
    check("params.steps", rules.steps(p.getSteps()));
    check("params.guidanceScale", GenerationRules.guidance(p.getGuidanceScale()));
    check("params.width", rules.size(p.getWidth()));
    check("params.height", rules.size(p.getHeight()));
    check("params.attentionDtype", GenerationRules.attentionDtype(p.getAttentionDtype()));
    check("params.attentionEncoding", GenerationRules.attentionEncoding(p.getAttentionEncoding()));
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

  /** The contract's verdict as a dead-letter problem: the field, then the rule's reason. */
  private static void check(String field, Optional<RuleViolation> violation)
      throws InvalidTaskException {
    if (violation.isPresent()) {
      RuleViolation v = violation.get();
      throw invalid(code(v.rule()), v.describe(field));
    }
  }

  private static TaskProblem.Code code(RuleViolation.Rule rule) {
    return switch (rule) {
      case PROMPT_EMPTY -> TaskProblem.Code.EMPTY_PROMPT;
      case PROMPT_LENGTH -> TaskProblem.Code.PROMPT_TOO_LONG;
      case CLASS_NAME_EMPTY, CLASS_NOT_IN_PROMPT -> TaskProblem.Code.CLASS_NOT_IN_PROMPT;
      case LABEL -> TaskProblem.Code.INVALID_LABEL;
      case SIZE_MULTIPLE -> TaskProblem.Code.SIZE_NOT_A_MULTIPLE;
      case SIZE_TOO_LARGE -> TaskProblem.Code.SIZE_TOO_LARGE;
      case STEPS -> TaskProblem.Code.STEPS_OUT_OF_RANGE;
      case GUIDANCE -> TaskProblem.Code.GUIDANCE_OUT_OF_RANGE;
      case ATTENTION_DTYPE -> TaskProblem.Code.UNKNOWN_ATTENTION_DTYPE;
      case ATTENTION_ENCODING -> TaskProblem.Code.UNKNOWN_ATTENTION_ENCODING;
    };
  }

  private static InvalidTaskException invalid(TaskProblem.Code code, String message) {
    return new InvalidTaskException(new TaskProblem(code, message));
  }
}
