package dsgen.producer.api;

/**
 * One thing wrong with a request: the JSON path of the field ({@code classes[1].name}) and why, for
 * a person.
 */
public record FieldViolation(String field, String reason) {}
