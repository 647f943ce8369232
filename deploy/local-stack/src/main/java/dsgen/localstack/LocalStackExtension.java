package dsgen.localstack;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5: one ephemeral {@link LocalStack} per test class (free ports, temporary folder), torn
 * down after the class.
 *
 * <pre>{@code
 * @ExtendWith(LocalStackExtension.class)
 * class MyTest {
 *     @Test @Timeout(60) void roundTrip(LocalStack stack) { ... stack.bootstrapServers() ... }
 * }
 * }</pre>
 *
 * A {@code LocalStack} parameter (constructor, {@code @BeforeAll}, test or lifecycle method)
 * receives the class's stack; {@link #stack()} returns it from anywhere in the running class.
 * {@code @Nested} classes share the stack of their enclosing class.
 */
public final class LocalStackExtension
    implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(LocalStackExtension.class);
  private static final String KEY = "stack";

  private static volatile LocalStack current;

  /** The stack of the test class running now. */
  public static LocalStack stack() {
    LocalStack s = current;
    if (s == null) {
      throw new IllegalStateException(
          "no local stack is running: annotate the test class with "
              + "@ExtendWith(LocalStackExtension.class)");
    }
    return s;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    // an enclosing class (for @Nested) may already own one; the store lookup sees the parents'
    // values
    if (context.getStore(NAMESPACE).get(KEY, LocalStack.class) != null) {
      return;
    }
    LocalStack started = LocalStack.start(LocalStackConfig.ephemeral());
    context.getStore(NAMESPACE).put(KEY, new Owned(started));
    current = started;
  }

  @Override
  public void afterAll(ExtensionContext context) {
    Owned owned = context.getStore(NAMESPACE).remove(KEY, Owned.class);
    if (owned != null) {
      current = null;
      owned.stack.close();
    }
  }

  @Override
  public boolean supportsParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == LocalStack.class;
  }

  @Override
  public Object resolveParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    Owned owned = extensionContext.getStore(NAMESPACE).get(KEY, Owned.class);
    if (owned == null) {
      throw new IllegalStateException(
          "LocalStack parameter outside a class extended with LocalStackExtension");
    }
    return owned.stack;
  }

  /**
   * Store entry; not AutoCloseable on purpose, {@link #afterAll} closes the stack at a defined
   * point.
   */
  private record Owned(LocalStack stack) {}
}
