package dsgen.attention;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Compact JSON of the metadata values and the header, with one mapper. */
final class MetadataJson {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private MetadataJson() {}

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode attention metadata as JSON", e);
    }
  }
}
