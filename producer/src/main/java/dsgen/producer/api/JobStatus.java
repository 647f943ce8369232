package dsgen.producer.api;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A job as the API shows it: what was submitted, and what the tracker has counted so far. */
@Schema(name = "JobStatus")
public record JobStatus(
    String jobId,
    String dataset,
    @Schema(description = "ACTIVE, CANCELLED or COMPLETED (every task produced)") String state,
    boolean continuous,
    @Schema(
            description =
                "Tasks kept waiting for a worker (0 on jobs submitted before finite jobs had one)")
        int targetBacklog,
    @Schema(description = "Images of a finite job (0 for continuous jobs)") long totalImages,
    @Schema(description = "Tasks the producer has committed to dsgen.prompts") long producedTasks,
    String promptMode,
    long seed,
    Generation params,
    List<ClassLabel> classes,
    List<RecipeInfo> recipes,
    String createdAt,
    String updatedAt,
    @Schema(
            description =
                "'ready', or the Kafka Streams state while the tracker cannot answer (counts are then null)")
        String tracker,
    Counts counts,
    @Schema(description = "When the job's first generation was published; null before")
        String firstGenerationAt,
    @Schema(description = "When the job's latest generation was published; null before")
        String latestGenerationAt,
    @Schema(
            description =
                "Images generated per minute from the job's submission to its latest generation")
        Double imagesPerMinute,
    @Schema(
            description =
                "Seconds until every image is generated, at the current rate; null when unknown")
        Long etaSeconds,
    @Schema(
            description =
                "No more progress will happen: every image paired or dead-lettered for every recipe, or the job was cancelled")
        boolean finished,
    List<ErrorInfo> lastErrors) {

  @Schema(name = "JobCounts")
  public record Counts(
      @Schema(description = "Distinct images in dsgen.prompts") long submitted,
      @Schema(description = "Distinct images in dsgen.generations") long generated,
      @Schema(description = "Distinct images with at least one dead letter") long deadLettered,
      @Schema(
              description =
                  "Tasks waiting for a worker or in its hands: produced minus generated or dead-lettered before the mask stage; 0 once cancelled")
          long backlog,
      @Schema(description = "Pairs written per recipe id") Map<String, Long> paired) {}

  public record Generation(
      int width,
      int height,
      int steps,
      double guidance,
      String negativePrompt,
      String sampler,
      String captureProfile,
      String attentionDtype) {}

  public record ClassLabel(String name, int label) {}

  public record RecipeInfo(String recipeId, String method, String canonicalJson) {}

  public record ErrorInfo(
      String stage, String imageId, String recipeId, String reason, String errorClass, String at) {}
}
