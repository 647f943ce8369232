package dsgen.producer.tracker;

import java.util.List;
import java.util.Map;

/**
 * What the tracker knows of one job. Every count is of distinct images; {@code paired} maps recipe
 * id to pairs written.
 */
public record JobCounts(
    long submitted,
    long generated,
    long settled,
    long deadLettered,
    Map<String, Long> paired,
    GenerationTimeline timeline,
    List<ErrorSummary> lastErrors) {}
