package dsgen.kafka;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Kafka client security settings (SASL, TLS) every dsgen client passes through, in one list.
 * Services read them as {@code kafka.*} configuration keys (declared in each service's
 * application.properties, Kafka Streams included); command-line tools read the same keys from the
 * environment ({@code kafka.sasl.jaas.config} → {@code KAFKA_SASL_JAAS_CONFIG}). Values are never
 * logged: several are secrets.
 */
public final class ClientSecurity {

  /** Client configuration keys, without the {@code kafka.} prefix of the services. */
  public static final List<String> KEYS =
      List.of(
          "security.protocol",
          "sasl.mechanism",
          "sasl.jaas.config",
          "ssl.truststore.location",
          "ssl.truststore.password",
          "ssl.keystore.location",
          "ssl.keystore.password",
          "ssl.key.password");

  private ClientSecurity() {}

  /** The environment variable of a key, as the services' configuration maps it. */
  public static String environmentName(String key) {
    return "KAFKA_" + key.toUpperCase(Locale.ROOT).replace('.', '_');
  }

  /**
   * The security settings found in {@code env}, as client properties; unset and blank ones are left
   * out.
   */
  public static Map<String, Object> fromEnvironment(Map<String, String> env) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String key : KEYS) {
      String value = env.get(environmentName(key));
      if (value != null && !value.isBlank()) {
        out.put(key, value.strip());
      }
    }
    return out;
  }
}
