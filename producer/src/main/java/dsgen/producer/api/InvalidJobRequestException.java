package dsgen.producer.api;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A job request with at least one bad field; the REST layer answers 400 listing every violation.
 */
public final class InvalidJobRequestException extends RuntimeException {
  private final transient List<FieldViolation> violations;

  public InvalidJobRequestException(List<FieldViolation> violations) {
    super(
        violations.stream()
            .map(v -> v.field() + ": " + v.reason())
            .collect(Collectors.joining("; ")));
    this.violations = List.copyOf(violations);
  }

  public List<FieldViolation> violations() {
    return violations;
  }
}
