package dsgen.producer.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of every error answer: what went wrong and, for a 400, each bad field with the reason. */
@Schema(name = "Error")
public record ErrorResponse(String error, List<FieldViolation> violations) {
  static ErrorResponse of(String error) {
    return new ErrorResponse(error, List.of());
  }
}
