package dsgen.maskstage.cli;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Checks up front that Kafka answers and a topic exists, so a command fails in seconds with a
 * useful message.
 */
final class KafkaReachable {

  private static final Duration WAIT = Duration.ofSeconds(15);

  private KafkaReachable() {}

  /**
   * @return null when all is well, else what is wrong, for the user
   */
  static String problem(Map<String, Object> kafkaClient, String topic) throws InterruptedException {
    Object bootstrapServers = kafkaClient.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
    Map<String, Object> props = new java.util.HashMap<>(kafkaClient);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) WAIT.toMillis());
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) WAIT.toMillis());
    try (Admin admin = Admin.create(props)) {
      boolean exists =
          admin.listTopics().names().get(WAIT.toSeconds(), TimeUnit.SECONDS).contains(topic);
      return exists
          ? null
          : "topic "
              + topic
              + " does not exist on "
              + bootstrapServers
              + " (nothing has been written to it yet)";
    } catch (TimeoutException | ExecutionException e) {
      return "cannot reach Kafka at "
          + bootstrapServers
          + " within "
          + WAIT.toSeconds()
          + " s (is `./dsgen up` running? set --bootstrap-servers or KAFKA_BOOTSTRAP_SERVERS)";
    }
  }
}
