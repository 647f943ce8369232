package dsgen.localstack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Quarkus test resource: an ephemeral {@link LocalStack} for a {@code @QuarkusTest}, whose {@link
 * LocalStack#serviceProperties()} (Kafka bootstrap servers, {@code dsgen.store.*}) become the
 * application's configuration. Use with {@code @QuarkusTestResource(LocalStackTestResource.class)}
 * or {@code @WithTestResource(LocalStackTestResource.class)}. A field of type {@code LocalStack} in
 * the test class receives the running stack.
 */
public final class LocalStackTestResource implements QuarkusTestResourceLifecycleManager {

  private LocalStack stack;

  @Override
  public Map<String, String> start() {
    stack = LocalStack.start(LocalStackConfig.ephemeral());
    return stack.serviceProperties();
  }

  /**
   * Sets every {@code LocalStack} field of the test instance, for tests that stop S3 or restart the
   * broker.
   */
  @Override
  public void inject(TestInjector testInjector) {
    if (stack != null) {
      testInjector.injectIntoFields(stack, new TestInjector.MatchesType(LocalStack.class));
    }
  }

  @Override
  public void stop() {
    if (stack != null) {
      stack.close();
      stack = null;
    }
  }
}
