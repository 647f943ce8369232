package dsgen.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The broker's SASL_PLAINTEXT listener lets in the stack's user and nobody else. */
@ExtendWith(LocalStackExtension.class)
@Timeout(60)
class SaslListenerTest {

  @Test
  void theStacksUserIsLetInAndAWrongPasswordIsNot(LocalStack stack) throws Exception {
    try (Admin admin = Admin.create(clientProperties(stack.saslServiceProperties()))) {
      assertEquals(1, admin.describeCluster().nodes().get(20, TimeUnit.SECONDS).size());
    }
    Map<String, String> wrong = new HashMap<>(stack.saslServiceProperties());
    wrong.put(
        "kafka.sasl.jaas.config",
        wrong.get("kafka.sasl.jaas.config").replace(stack.saslPassword(), "not-the-password"));
    try (Admin admin = Admin.create(clientProperties(wrong))) {
      ExecutionException e =
          assertThrows(
              ExecutionException.class,
              () -> admin.describeCluster().nodes().get(20, TimeUnit.SECONDS));
      assertInstanceOf(SaslAuthenticationException.class, e.getCause());
    }
  }

  private static Map<String, Object> clientProperties(Map<String, String> serviceProperties) {
    Map<String, Object> p = new HashMap<>();
    serviceProperties.forEach((k, v) -> p.put(k.substring("kafka.".length()), v));
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000);
    return p;
  }
}
