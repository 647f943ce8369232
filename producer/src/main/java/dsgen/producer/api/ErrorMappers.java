package dsgen.producer.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dsgen.producer.expansion.JobExistsException;
import dsgen.producer.service.ServiceUnavailableException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps failures to answers a client can act on: the status code and a body naming the culprit. */
public class ErrorMappers {
  private static final String RETRY_AFTER_SECONDS = "2";

  @ServerExceptionMapper
  public Response invalidRequest(InvalidJobRequestException e) {
    return Response.status(400)
        .entity(new ErrorResponse("invalid job request", e.violations()))
        .build();
  }

  /** Wrong JSON types, unknown fields and unreadable JSON: named by their path in the body. */
  @ServerExceptionMapper({
    JsonProcessingException.class,
    MismatchedInputException.class,
    UnrecognizedPropertyException.class,
    InvalidFormatException.class
  })
  public Response unreadableBody(JsonProcessingException e) {
    return Response.status(400)
        .entity(
            new ErrorResponse(
                "invalid job request", List.of(new FieldViolation(fieldOf(e), reasonOf(e)))))
        .build();
  }

  /**
   * Quarkus wraps unparseable JSON in a 400 WebApplicationException; other framework errors (405,
   * 415, ...) keep their status and get the same error body as everything else.
   */
  @ServerExceptionMapper
  public Response framework(WebApplicationException e) {
    if (e.getCause() instanceof JsonProcessingException json) {
      return unreadableBody(json);
    }
    int status = e.getResponse().getStatus();
    return Response.status(status).entity(ErrorResponse.of(e.getMessage())).build();
  }

  @ServerExceptionMapper
  public Response notFound(NotFoundException e) {
    return Response.status(404).entity(ErrorResponse.of(e.getMessage())).build();
  }

  @ServerExceptionMapper
  public Response exists(JobExistsException e) {
    return Response.status(409).entity(ErrorResponse.of(e.getMessage())).build();
  }

  @ServerExceptionMapper
  public Response unavailable(ServiceUnavailableException e) {
    return Response.status(503)
        .header("Retry-After", RETRY_AFTER_SECONDS)
        .entity(ErrorResponse.of(e.getMessage()))
        .build();
  }

  static String fieldOf(JsonProcessingException e) {
    if (!(e instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
      return "body";
    }
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : mapping.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  static String reasonOf(JsonProcessingException e) {
    if (e instanceof UnrecognizedPropertyException) {
      return "unknown field";
    }
    if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
      return "expected " + describe(m.getTargetType());
    }
    return "not valid JSON: " + e.getOriginalMessage();
  }

  private static String describe(Class<?> type) {
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "an integer";
    }
    if (type == Double.class || type == double.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (List.class.isAssignableFrom(type)) {
      return "a JSON array";
    }
    return "a JSON object";
  }
}
