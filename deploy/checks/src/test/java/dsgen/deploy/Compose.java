package dsgen.deploy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * The part of the Compose specification that deploy/compose uses, as strict records: a field
 * outside it fails the parse (a typo such as {@code depend_on} would otherwise be ignored by nobody
 * but the reader). Top-level {@code x-} extension blocks hold YAML anchors only and are dropped
 * after SnakeYAML has resolved the anchors and merge keys.
 */
final class Compose {
  private static final ObjectMapper STRICT =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private Compose() {}

  record File(String name, Map<String, Service> services, Map<String, Object> volumes) {}

  record Service(
      String image,
      Build build,
      List<String> command,
      List<String> entrypoint,
      Map<String, String> environment,
      @JsonProperty("depends_on") Map<String, Dependency> dependsOn,
      List<String> ports,
      List<String> expose,
      List<String> volumes,
      Healthcheck healthcheck,
      @JsonProperty("stop_grace_period") String stopGracePeriod,
      Deploy deploy) {}

  record Build(String context, String dockerfile) {}

  record Dependency(String condition) {}

  record Healthcheck(List<String> test, String interval, String timeout, Integer retries) {}

  record Deploy(Resources resources) {}

  record Resources(Reservations reservations) {}

  record Reservations(List<Device> devices) {}

  record Device(String driver, Integer count, List<String> capabilities) {}

  static File read(Path path) {
    Map<String, Object> doc;
    try (Reader in = Files.newBufferedReader(path)) {
      doc = new Yaml().load(in);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + path + ": " + e, e);
    }
    return parse(doc);
  }

  static File parse(Map<String, Object> doc) {
    Map<String, Object> kept = new LinkedHashMap<>(doc);
    kept.keySet().removeIf(k -> k.startsWith("x-"));
    return STRICT.convertValue(stringly(kept), File.class);
  }

  /** Environment values such as {@code 1} or {@code true} are strings to the container. */
  @SuppressWarnings("unchecked")
  private static Object stringly(Object node) {
    if (node instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), stringly(v)));
      return out;
    }
    if (node instanceof List<?> list) {
      return list.stream().map(Compose::stringly).toList();
    }
    return node instanceof Number || node instanceof Boolean ? String.valueOf(node) : node;
  }
}
