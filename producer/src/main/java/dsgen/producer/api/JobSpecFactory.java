package dsgen.producer.api;

import dsgen.producer.jobs.ImageIds;
import dsgen.recipe.Recipe;
import dsgen.records.ClassEntry;
import dsgen.records.GenerationParams;
import dsgen.records.JobSpec;
import dsgen.records.JobState;
import dsgen.records.RecipeRef;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Turns a job request into the {@link JobSpec} that is written to {@code dsgen.jobs}, or throws
 * {@link InvalidJobRequestException} naming every bad field. Nothing is written when a single field
 * is wrong.
 */
public final class JobSpecFactory {
  static final Pattern DATASET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private final RequestLimits limits;
  private final RequestDefaults defaults;
  private final PromptSourceResolver promptSources;
  private final GenerationParamsResolver params;

  public JobSpecFactory(RequestLimits limits, RequestDefaults defaults) {
    this.limits = limits;
    this.defaults = defaults;
    this.promptSources = new PromptSourceResolver(defaults);
    this.params = new GenerationParamsResolver(limits, defaults);
  }

  /**
   * @param newJobId id for a request that names none
   * @param newSeed seed for a request that gives none (recorded in the job, so the job stays
   *     reproducible)
   */
  public JobSpec create(
      JobRequest request, Supplier<String> newJobId, Supplier<Long> newSeed, Instant now) {
    if (request == null) {
      throw new InvalidJobRequestException(
          List.of(new FieldViolation("body", "a JSON object describing the job is required")));
    }
    Violations violations = new Violations();
    String jobId = request.jobId() == null ? newJobId.get() : request.jobId();
    if (!ImageIds.JOB_ID.matcher(jobId).matches()) {
      violations.add(
          "jobId",
          "must be 1-40 of [a-z0-9-], starting and ending with a letter or digit, was '"
              + jobId
              + "'");
    }
    if (request.dataset() == null || !DATASET.matcher(request.dataset()).matches()) {
      violations.add(
          "dataset",
          "is required: 1-64 of [A-Za-z0-9._-], starting with a letter or digit"
              + (request.dataset() == null ? "" : ", was '" + request.dataset() + "'"));
    }
    List<ClassEntry> classes = ClassesResolver.resolve(request, violations);
    PromptSource source = promptSources.resolve(request, classes, violations);
    int size = params.size(request, violations);
    List<Recipe> recipes =
        RecipesResolver.resolve(request.recipes(), size > 0 ? size / 8 : -1, violations);
    GenerationParams generation = params.resolve(request, size, recipes, violations);
    boolean continuous = Boolean.TRUE.equals(request.continuous());
    int targetBacklog = targetBacklog(request, violations);
    long total = continuous ? 0 : source.finiteTotal(classes.size());
    if (!continuous && total > limits.maxImagesPerJob()) {
      violations.add(
          source.mode() == dsgen.records.PromptMode.TEMPLATES ? "imagesPerClass" : "repeats",
          "the job would have " + total + " images, the limit is " + limits.maxImagesPerJob());
    }
    violations.throwIfAny();
    List<RecipeRef> refs = recipes.stream().map(Recipe::toRef).toList();
    return JobSpec.newBuilder()
        .setJobId(jobId)
        .setDataset(request.dataset())
        .setState(JobState.ACTIVE)
        .setClasses(classes)
        .setPromptMode(source.mode())
        .setTemplates(source.templates())
        .setImagesPerClass(source.imagesPerClass())
        .setCaptions(source.captions())
        .setPrompts(source.prompts())
        .setRepeats(source.repeats())
        .setSeed(request.seed() == null ? newSeed.get() : request.seed())
        .setParams(generation)
        .setRecipes(refs)
        .setContinuous(continuous)
        .setTargetBacklog(targetBacklog)
        .setTotalImages(total)
        .setProducedTasks(0)
        .setCreatedAt(now)
        .setUpdatedAt(now)
        .build();
  }

  private int targetBacklog(JobRequest request, Violations violations) {
    int target =
        request.targetBacklog() == null ? defaults.targetBacklog() : request.targetBacklog();
    if (target < 1 || target > limits.maxTargetBacklog()) {
      violations.add(
          "targetBacklog", "must be 1.." + limits.maxTargetBacklog() + ", was " + target);
    }
    return target;
  }
}
