package dsgen.producer.api;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects every violation of a request so one 400 answer names all bad fields, not only the first.
 */
final class Violations {
  private final List<FieldViolation> found = new ArrayList<>();

  void add(String field, String reason) {
    found.add(new FieldViolation(field, reason));
  }

  boolean any() {
    return !found.isEmpty();
  }

  int count() {
    return found.size();
  }

  void throwIfAny() {
    if (any()) {
      throw new InvalidJobRequestException(found);
    }
  }
}
