package dsgen.worker.support;

import dsgen.localstack.LocalStack;
import dsgen.worker.config.WorkerConfig;
import dsgen.worker.config.WorkerSettings;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Worker settings for tests that run workers in this JVM: the service's own {@code
 * application.properties} with its {@code %test} profile, read by SmallRye Config as Quarkus reads
 * it, plus the local stack's endpoints.
 */
public final class TestWorkerSettings {
  private TestWorkerSettings() {}

  public static WorkerSettings of(
      LocalStack stack, String workerId, Map<String, String> overrides) {
    Map<String, String> values = new HashMap<>(stack.serviceProperties());
    values.put("dsgen.worker.id", workerId);
    values.putAll(overrides);
    URL properties =
        TestWorkerSettings.class.getClassLoader().getResource("application.properties");
    try {
      SmallRyeConfig config =
          new SmallRyeConfigBuilder()
              .addDefaultInterceptors()
              .addSystemSources()
              .withProfile("test")
              .withSources(new PropertiesConfigSource(properties, 250))
              .withSources(new PropertiesConfigSource(values, "test-overrides", 400))
              .withConverter(Duration.class, 200, new DurationConverter())
              .withMapping(WorkerConfig.class)
              // dsgen.store.* and dsgen.fixtures are read outside the mapping (StoreConfig, test
              // paths)
              .withValidateUnknown(false)
              .build();
      return WorkerSettings.from(config.getConfigMapping(WorkerConfig.class), config);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + properties, e);
    }
  }
}
