package dsgen.producer.tracker;

import java.util.List;
import java.util.Map;

/**
 * A job's dead letters: distinct images per recipe, and per reason (stage and error class) with the
 * latest examples.
 */
public record DeadLetterBreakdown(Map<String, Long> byRecipe, List<Reason> byReason) {

  /**
   * @param images distinct images dead-lettered for this reason
   * @param examples the latest of them, oldest first
   */
  public record Reason(String stage, String errorClass, long images, List<ErrorSummary> examples) {}
}
