package dsgen.maskstage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The mask stage's Kafka Streams configuration as {@code application.properties} declares it (every
 * {@code kafka-streams.*} key, with its {@code ${...}} references resolved), for entry points that
 * do not run under Quarkus, such as {@code dsgen replay}: one Streams configuration for every way
 * the topology runs. References resolve as the service resolves them: an environment variable
 * ({@code dsgen.mask-stage.session-timeout-ms} → {@code DSGEN_MASK_STAGE_SESSION_TIMEOUT_MS}), else
 * a system property, else the file's own value, else the default after {@code :}.
 */
public final class StageStreamsConfig {
  static final String RESOURCE = "/application.properties";
  private static final String PREFIX = "kafka-streams.";

  private StageStreamsConfig() {}

  /** The Streams properties of the service, keys without the {@code kafka-streams.} prefix. */
  public static Properties load(Map<String, String> env) {
    Properties file = new Properties();
    try (InputStream in = StageStreamsConfig.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the class path");
      }
      file.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Properties out = new Properties();
    for (String key : file.stringPropertyNames()) {
      if (key.startsWith(PREFIX)) {
        out.setProperty(key.substring(PREFIX.length()), resolve(file.getProperty(key), file, env));
      }
    }
    return out;
  }

  /** Replaces each {@code ${name}} or {@code ${name:default}} (defaults may nest). */
  static String resolve(String value, Properties file, Map<String, String> env) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < value.length()) {
      int start = value.indexOf("${", i);
      if (start < 0) {
        out.append(value, i, value.length());
        break;
      }
      out.append(value, i, start);
      int end = closing(value, start + 2);
      String inner = value.substring(start + 2, end);
      int colon = topLevelColon(inner);
      String name = colon < 0 ? inner : inner.substring(0, colon);
      String found = lookup(name, file, env);
      if (found == null) {
        if (colon < 0) {
          throw new IllegalStateException(
              RESOURCE + ": ${" + name + "} has no value and no default");
        }
        found = inner.substring(colon + 1);
      }
      out.append(resolve(found, file, env));
      i = end + 1;
    }
    return out.toString();
  }

  private static String lookup(String name, Properties file, Map<String, String> env) {
    String envName = name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    if (env.containsKey(envName)) {
      return env.get(envName);
    }
    if (System.getProperty(name) != null) {
      return System.getProperty(name);
    }
    return file.getProperty(name);
  }

  private static int closing(String value, int from) {
    int depth = 1;
    for (int i = from; i < value.length(); i++) {
      if (value.startsWith("${", i)) {
        depth++;
        i++;
      } else if (value.charAt(i) == '}' && --depth == 0) {
        return i;
      }
    }
    throw new IllegalStateException(RESOURCE + ": unclosed ${ in '" + value + "'");
  }

  private static int topLevelColon(String inner) {
    int depth = 0;
    for (int i = 0; i < inner.length(); i++) {
      if (inner.startsWith("${", i)) {
        depth++;
        i++;
      } else if (inner.charAt(i) == '}') {
        depth--;
      } else if (inner.charAt(i) == ':' && depth == 0) {
        return i;
      }
    }
    return -1;
  }
}
