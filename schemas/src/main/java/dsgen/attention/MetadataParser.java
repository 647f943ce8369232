package dsgen.attention;

import static dsgen.attention.AttentionProblem.BAD_METADATA;
import static dsgen.attention.AttentionProblem.UNKNOWN_FORMAT;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code __metadata__} string map of an attention file into {@link AttentionMetadata}.
 */
final class MetadataParser {
  private static final ObjectMapper JSON = MetadataJson.MAPPER;

  private MetadataParser() {}

  static AttentionMetadata parse(Map<String, String> m) {
    String format = m.get(MetadataKeys.FORMAT);
    if (format == null) {
      throw new AttentionFormatException(
          UNKNOWN_FORMAT,
          MetadataKeys.FORMAT,
          "metadata field format is missing; expected "
              + AttentionFormat.V1
              + " or "
              + AttentionFormat.V2);
    }
    if (!AttentionFormat.READABLE.contains(format)) {
      throw new AttentionFormatException(
          UNKNOWN_FORMAT,
          MetadataKeys.FORMAT,
          "metadata field format is '"
              + format
              + "'; this reader understands "
              + AttentionFormat.V1
              + " and "
              + AttentionFormat.V2);
    }
    List<Integer> resolutions = ints(m, MetadataKeys.RESOLUTIONS, true);
    if (resolutions.isEmpty() || resolutions.stream().anyMatch(r -> r <= 0)) {
      throw bad(
          MetadataKeys.RESOLUTIONS,
          "metadata field resolutions must list positive sizes, got " + resolutions);
    }
    int latentSize = integer(m, MetadataKeys.LATENT_SIZE);
    int top = resolutions.stream().mapToInt(Integer::intValue).max().orElseThrow();
    if (latentSize >= 0 && latentSize != top) {
      throw bad(
          MetadataKeys.LATENT_SIZE,
          "metadata field latent_size "
              + latentSize
              + " is not the largest resolution of "
              + resolutions);
    }
    return new AttentionMetadata(
        format,
        text(m, MetadataKeys.PROMPT),
        text(m, MetadataKeys.NEGATIVE_PROMPT),
        text(m, MetadataKeys.CLASS_PROMPT),
        text(m, MetadataKeys.DESCRIPTIVE_PROMPT),
        ints(m, MetadataKeys.TOKEN_IDS, false),
        classes(m),
        text(m, MetadataKeys.MODEL),
        text(m, MetadataKeys.SCHEDULER),
        integer(m, MetadataKeys.STEPS),
        ints(m, MetadataKeys.TIMESTEPS, false),
        number(m, MetadataKeys.GUIDANCE_SCALE),
        longNumber(m, MetadataKeys.SEED),
        latentSize,
        resolutions,
        text(m, MetadataKeys.DTYPE),
        text(m, MetadataKeys.CAPTURE_PROFILE),
        text(m, MetadataKeys.SAMPLER),
        integer(m, MetadataKeys.UNET_CALLS));
  }

  private static List<AttentionClass> classes(Map<String, String> m) {
    JsonNode node = json(m, MetadataKeys.CLASSES, true);
    if (!node.isArray() || node.isEmpty()) {
      throw bad(
          MetadataKeys.CLASSES, "metadata field classes must be a non-empty JSON list of classes");
    }
    List<AttentionClass> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode c = node.get(i);
      String where = "classes[" + i + "]";
      if (!c.path(MetadataKeys.CLASS_NAME).isTextual()
          || !c.path(MetadataKeys.CLASS_LABEL).canConvertToInt()) {
        throw bad(where, "metadata " + where + " needs a name and an integer label: " + c);
      }
      int label = c.get(MetadataKeys.CLASS_LABEL).asInt();
      if (label < 1 || label > 254) {
        throw bad(
            where + ".label",
            "metadata "
                + where
                + ".label = "
                + label
                + " is not a class id (1..254; 0 is background, 255 ignore)");
      }
      out.add(
          new AttentionClass(
              c.get(MetadataKeys.CLASS_NAME).asText(),
              label,
              tokenList(c, where, MetadataKeys.CLASS_PROMPT_TOKENS),
              tokenList(c, where, MetadataKeys.CLASS_CLASS_PROMPT_TOKENS),
              tokenList(c, where, MetadataKeys.CLASS_DESCRIPTIVE_TOKENS)));
    }
    return out;
  }

  private static List<Integer> tokenList(JsonNode c, String where, String key) {
    JsonNode n = c.path(key);
    if (n.isMissingNode() || n.isNull()) {
      return List.of();
    }
    if (!n.isArray()) {
      throw bad(
          where + "." + key,
          "metadata " + where + "." + key + " must be a list of token indices: " + n);
    }
    List<Integer> out = new ArrayList<>();
    for (JsonNode t : n) {
      if (!t.canConvertToInt() || !t.isIntegralNumber()) {
        throw bad(
            where + "." + key,
            "metadata " + where + "." + key + " holds a non-integer token index: " + n);
      }
      out.add(t.asInt());
    }
    return out;
  }

  private static String text(Map<String, String> m, String key) {
    return m.getOrDefault(key, "");
  }

  private static int integer(Map<String, String> m, String key) {
    String s = m.get(key);
    if (s == null || s.isEmpty()) {
      return -1;
    }
    try {
      return Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      throw bad(key, "metadata field " + key + " = '" + s + "' is not an integer");
    }
  }

  private static long longNumber(Map<String, String> m, String key) {
    String s = m.get(key);
    if (s == null || s.isEmpty()) {
      return -1;
    }
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      throw bad(key, "metadata field " + key + " = '" + s + "' is not an integer");
    }
  }

  private static double number(Map<String, String> m, String key) {
    String s = m.get(key);
    if (s == null || s.isEmpty()) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(s.trim());
    } catch (NumberFormatException e) {
      throw bad(key, "metadata field " + key + " = '" + s + "' is not a number");
    }
  }

  private static List<Integer> ints(Map<String, String> m, String key, boolean required) {
    JsonNode n = json(m, key, required);
    if (n == null) {
      return List.of();
    }
    if (!n.isArray()) {
      throw bad(key, "metadata field " + key + " must be a JSON list of integers");
    }
    List<Integer> out = new ArrayList<>();
    for (JsonNode v : n) {
      if (!v.isIntegralNumber()) {
        throw bad(key, "metadata field " + key + " holds a non-integer: " + v);
      }
      out.add(v.asInt());
    }
    return out;
  }

  private static JsonNode json(Map<String, String> m, String key, boolean required) {
    String s = m.get(key);
    if (s == null || s.isEmpty()) {
      if (required) {
        throw bad(key, "metadata field " + key + " is missing");
      }
      return null;
    }
    try {
      return JSON.readTree(s);
    } catch (JsonProcessingException e) {
      throw bad(key, "metadata field " + key + " is not valid JSON: " + e.getOriginalMessage());
    }
  }

  private static AttentionFormatException bad(String field, String message) {
    return new AttentionFormatException(BAD_METADATA, field, message);
  }
}
