package dsgen.maskstage.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dsgen.kafka.ClientSecurity;
import dsgen.kafka.TopicAdmin;
import dsgen.kafka.Topics;
import dsgen.localstack.LocalStack;
import dsgen.localstack.LocalStackExtension;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The replay, export and eval commands take Kafka's SASL/TLS settings from the environment, under
 * the names the services use, and reach the broker's SASL/PLAIN listener with them (and not
 * without).
 */
@ExtendWith(LocalStackExtension.class)
@Timeout(90)
class CommandsOverSaslTest {

  @Test
  void theCommandsReachASaslListenerWithTheServicesSettings(LocalStack stack) throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
      TopicAdmin.createMissing(admin, List.of(Topics.PAIRS));
    }
    Map<String, String> sasl = stack.saslServiceProperties();
    Map<String, String> env = new HashMap<>();
    sasl.forEach(
        (key, value) ->
            env.put(ClientSecurity.environmentName(key.substring("kafka.".length())), value));
    String[] flags = {"--bootstrap-servers", sasl.get("kafka.bootstrap.servers")};

    Connection withSecurity = Connection.resolve(Args.parse(flags, Connection.OPTIONS), env);
    assertEquals("SASL_PLAINTEXT", withSecurity.kafkaClient().get("security.protocol"));
    assertFalse(
        withSecurity.toString().contains(stack.saslPassword()), "the SASL password is not shown");
    assertNull(KafkaReachable.problem(withSecurity.kafkaClient(), Topics.PAIRS.name()));

    Connection without = Connection.resolve(Args.parse(flags, Connection.OPTIONS), Map.of());
    String problem = KafkaReachable.problem(without.kafkaClient(), Topics.PAIRS.name());
    assertNotNull(problem, "a client without the SASL settings is not let in");
    assertTrue(problem.startsWith("cannot reach Kafka"), problem);
  }
}
