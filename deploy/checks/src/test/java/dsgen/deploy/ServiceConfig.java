package dsgen.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dsgen service as its own configuration describes it: {@code src/main/resources/
 * application.properties} of its module, where every key has its default (each service's README
 * table is checked against that file by the module's own test).
 */
enum ServiceConfig {
  PRODUCER("producer", "producer"),
  MASK_STAGE("mask-stage", "mask-stage"),
  GPU_WORKER("gpu-worker", "gpu-worker");

  /** Quarkus' fixed paths, unless a service moves them (checked by {@link #quarkusPaths()}). */
  static final String LIVE = "/q/health/live";

  static final String READY = "/q/health/ready";
  static final String METRICS = "/q/metrics";

  // keys documented but commented out because they have no default (e.g. the producer's auth token)
  private static final Pattern COMMENTED_KEY = Pattern.compile("^#\\s*([a-z][a-z0-9.-]*)=.*$");

  private final String module;
  private final String workload;

  ServiceConfig(String module, String workload) {
    this.module = module;
    this.workload = workload;
  }

  /** Name of the Deployment or StatefulSet, its container and its Service. */
  String workload() {
    return workload;
  }

  Path propertiesFile() {
    return Repository.resolve(module + "/src/main/resources/application.properties");
  }

  Properties properties() {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(propertiesFile())) {
      p.load(in);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + propertiesFile() + ": " + e, e);
    }
    return p;
  }

  /** Every configuration key of the service outside test profiles, set or documented. */
  Set<String> keys() {
    Set<String> keys = new TreeSet<>();
    properties().stringPropertyNames().stream().filter(k -> !k.startsWith("%")).forEach(keys::add);
    try {
      for (String line : Files.readAllLines(propertiesFile())) {
        Matcher m = COMMENTED_KEY.matcher(line.strip());
        if (m.matches()) {
          keys.add(m.group(1));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return keys;
  }

  /**
   * The environment variables that set this service's keys: SmallRye Config's mapping, upper case
   * with every other character an underscore.
   */
  Set<String> environmentVariables() {
    Set<String> names = new TreeSet<>();
    keys().forEach(k -> names.add(environmentVariable(k)));
    return names;
  }

  static String environmentVariable(String key) {
    return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
  }

  int httpPort() {
    return Integer.parseInt(required("quarkus.http.port"));
  }

  String required(String key) {
    String value = properties().getProperty(key);
    if (value == null) {
      throw new IllegalStateException(key + " is not set in " + propertiesFile());
    }
    return value.strip();
  }

  /** A duration value as the services write them: 30s, 500ms, 2m, 1h. */
  static Duration duration(String value) {
    Matcher m = Pattern.compile("(\\d+)(ms|s|m|h)").matcher(value.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a duration: " + value);
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
  }

  /** Keys that would move the health and metrics endpoints away from {@link #LIVE} and co. */
  Set<String> quarkusPaths() {
    Set<String> moved = new TreeSet<>();
    for (String key : keys()) {
      if (key.startsWith("quarkus.smallrye-health.")
          || key.equals("quarkus.http.root-path")
          || key.equals("quarkus.http.non-application-root-path")
          || key.startsWith("quarkus.micrometer.export.prometheus.path")) {
        moved.add(key);
      }
    }
    return moved;
  }
}
