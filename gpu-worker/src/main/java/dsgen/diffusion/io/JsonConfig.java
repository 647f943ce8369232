package dsgen.diffusion.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dsgen.diffusion.ModelLoadException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One JSON configuration file of a model folder with typed accessors. A missing or mistyped key
 * fails with a {@link ModelLoadException} naming the file and the key.
 */
public final class JsonConfig {
  // diffusers writes Python's float('-inf') as -Infinity (DPM-Solver's lambda_min_clipped)
  private static final ObjectMapper MAPPER =
      com.fasterxml.jackson.databind.json.JsonMapper.builder()
          .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .build();

  private final Path file;
  private final JsonNode root;

  private JsonConfig(Path file, JsonNode root) {
    this.file = file;
    this.root = root;
  }

  public static JsonConfig read(Path file, String role) {
    if (!Files.isRegularFile(file)) {
      throw ModelLoadException.missingFile(file, role);
    }
    try {
      JsonNode node = MAPPER.readTree(file.toFile());
      if (node == null || !node.isObject()) {
        throw new ModelLoadException(file, "not a JSON object (the " + role + ")");
      }
      return new JsonConfig(file, node);
    } catch (IOException e) {
      throw new ModelLoadException(
          file, "unreadable JSON (the " + role + "): " + e.getMessage(), e);
    }
  }

  public Path file() {
    return file;
  }

  /** The keys this configuration sets (null values included), in file order. */
  public List<String> keys() {
    List<String> out = new ArrayList<>();
    root.fieldNames().forEachRemaining(out::add);
    return out;
  }

  /** The raw value of {@code key}, or null when absent (a JSON null is returned as such). */
  public JsonNode raw(String key) {
    return root.get(key);
  }

  /**
   * Another configuration attributed to the same file (its errors name this file): for values
   * derived from the file, such as a scheduler configuration resolved for another class.
   */
  public JsonConfig derived(JsonNode values) {
    return new JsonConfig(file, values);
  }

  public boolean has(String key) {
    JsonNode n = root.get(key);
    return n != null && !n.isNull();
  }

  public JsonNode node(String key) {
    JsonNode n = root.get(key);
    if (n == null || n.isNull()) {
      throw ModelLoadException.badConfig(file, key, "missing");
    }
    return n;
  }

  public int integer(String key) {
    JsonNode n = node(key);
    if (!n.canConvertToInt() || !n.isIntegralNumber()) {
      throw ModelLoadException.badConfig(file, key, "expected an integer, found " + n);
    }
    return n.intValue();
  }

  public int integer(String key, int fallback) {
    return has(key) ? integer(key) : fallback;
  }

  public double number(String key) {
    JsonNode n = node(key);
    if (!n.isNumber()) {
      throw ModelLoadException.badConfig(file, key, "expected a number, found " + n);
    }
    return n.doubleValue();
  }

  public double number(String key, double fallback) {
    return has(key) ? number(key) : fallback;
  }

  public boolean bool(String key, boolean fallback) {
    if (!has(key)) {
      return fallback;
    }
    JsonNode n = node(key);
    if (!n.isBoolean()) {
      throw ModelLoadException.badConfig(file, key, "expected true or false, found " + n);
    }
    return n.booleanValue();
  }

  public String string(String key) {
    JsonNode n = node(key);
    if (!n.isTextual()) {
      throw ModelLoadException.badConfig(file, key, "expected a string, found " + n);
    }
    return n.textValue();
  }

  public String string(String key, String fallback) {
    return has(key) ? string(key) : fallback;
  }

  public List<String> strings(String key) {
    JsonNode n = node(key);
    if (!n.isArray()) {
      throw ModelLoadException.badConfig(file, key, "expected a list of strings, found " + n);
    }
    List<String> out = new ArrayList<>();
    n.forEach(e -> out.add(e.asText()));
    return out;
  }

  public int[] integers(String key) {
    JsonNode n = node(key);
    if (!n.isArray()) {
      throw ModelLoadException.badConfig(file, key, "expected a list of integers, found " + n);
    }
    int[] out = new int[n.size()];
    for (int i = 0; i < out.length; i++) {
      if (!n.get(i).isIntegralNumber()) {
        throw ModelLoadException.badConfig(file, key, "expected a list of integers, found " + n);
      }
      out[i] = n.get(i).intValue();
    }
    return out;
  }

  /**
   * An integer or a list of integers (diffusers allows both for per-level values), expanded to
   * {@code levels}.
   */
  public int[] integerPerLevel(String key, int levels) {
    JsonNode n = node(key);
    if (n.isIntegralNumber()) {
      int[] out = new int[levels];
      java.util.Arrays.fill(out, n.intValue());
      return out;
    }
    int[] out = integers(key);
    if (out.length != levels) {
      throw ModelLoadException.badConfig(
          file, key, "expected " + levels + " values (one per block), found " + n);
    }
    return out;
  }

  public ModelLoadException error(String key, String problem) {
    return ModelLoadException.badConfig(file, key, problem);
  }
}
