package dsgen.producer.api;

/** Upper bounds a job request must respect (configured under {@code dsgen.producer.limits}). */
public record RequestLimits(
    long maxImagesPerJob, int maxPromptLength, int maxTargetBacklog, int maxSize, int maxSteps) {}
