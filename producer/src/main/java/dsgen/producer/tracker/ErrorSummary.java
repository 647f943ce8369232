package dsgen.producer.tracker;

import dsgen.records.DeadLetter;

/** What the job status shows of a dead letter. */
public record ErrorSummary(
    String stage, String imageId, String recipeId, String reason, String errorClass, long at) {
  static ErrorSummary of(DeadLetter d, String imageId) {
    return new ErrorSummary(
        d.getStage(),
        imageId,
        d.getRecipeId(),
        d.getReason(),
        d.getErrorClass(),
        d.getOccurredAt().toEpochMilli());
  }
}
