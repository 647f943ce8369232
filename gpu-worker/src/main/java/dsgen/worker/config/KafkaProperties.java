package dsgen.worker.config;

import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.config.Config;

/**
 * The {@code kafka.*} keys of the configuration, prefix removed: client settings passed through
 * untouched.
 */
public final class KafkaProperties {
  private static final String PREFIX = "kafka.";

  private KafkaProperties() {}

  public static Map<String, String> from(Config config) {
    Map<String, String> out = new TreeMap<>();
    for (String name : config.getPropertyNames()) {
      if (name.startsWith(PREFIX)) {
        config
            .getOptionalValue(name, String.class)
            .ifPresent(value -> out.put(name.substring(PREFIX.length()), value));
      }
    }
    return out;
  }
}
