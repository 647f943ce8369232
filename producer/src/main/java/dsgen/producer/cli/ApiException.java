package dsgen.producer.cli;

import dsgen.producer.api.FieldViolation;
import java.util.List;

/** The producer answered with an error (or could not be reached: status 0). */
final class ApiException extends RuntimeException {
  private final int status;
  private final transient List<FieldViolation> violations;

  ApiException(int status, String message, List<FieldViolation> violations) {
    super(message);
    this.status = status;
    this.violations = violations == null ? List.of() : List.copyOf(violations);
  }

  int status() {
    return status;
  }

  List<FieldViolation> violations() {
    return violations;
  }
}
