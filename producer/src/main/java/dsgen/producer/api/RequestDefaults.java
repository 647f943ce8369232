package dsgen.producer.api;

/**
 * Values a job request gets for the fields it leaves out (configured under {@code
 * dsgen.producer.defaults}).
 */
public record RequestDefaults(
    String template,
    int steps,
    double guidance,
    int size,
    String negativePrompt,
    String attentionDtype,
    String attentionEncoding,
    int targetBacklog) {}
