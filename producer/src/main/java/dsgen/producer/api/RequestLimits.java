package dsgen.producer.api;

import dsgen.generation.ModelLimits;

/**
 * Upper bounds a job request must respect (configured under {@code dsgen.producer.limits}): the
 * producer's own, and the limits of the workers' model, which the contract's generation rules
 * apply.
 */
public record RequestLimits(long maxImagesPerJob, int maxTargetBacklog, ModelLimits model) {}
