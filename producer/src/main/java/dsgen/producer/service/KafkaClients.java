package dsgen.producer.service;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Client settings for the producer's own Kafka clients: every {@code kafka.*} property of the
 * service (bootstrap servers, SASL/TLS, ...) passed through, minus the ones meant for other
 * clients.
 */
final class KafkaClients {
  private KafkaClients() {}

  static Map<String, Object> common(Map<String, Object> kafkaConfig) {
    Map<String, Object> props = new HashMap<>();
    kafkaConfig.forEach(
        (k, v) -> {
          // Quarkus adds its UI and TLS-registry keys to this map; Kafka clients would warn about
          // them.
          if (!k.startsWith("ui")
              && !k.startsWith("tls-configuration")
              && !k.startsWith("devservices")) {
            props.put(k, v);
          }
        });
    return props;
  }

  static Map<String, Object> admin(Map<String, Object> kafkaConfig) {
    Map<String, Object> props = new HashMap<>();
    Set<String> known = AdminClientConfig.configNames();
    common(kafkaConfig)
        .forEach(
            (k, v) -> {
              if (known.contains(k)) {
                props.put(k, v);
              }
            });
    return props;
  }

  static Map<String, Object> consumer(Map<String, Object> kafkaConfig) {
    Map<String, Object> props = new HashMap<>();
    Set<String> known = ConsumerConfig.configNames();
    common(kafkaConfig)
        .forEach(
            (k, v) -> {
              if (known.contains(k)) {
                props.put(k, v);
              }
            });
    return props;
  }

  /**
   * The ledger's producer: transactional, so a batch of tasks and the job progress commit together.
   */
  static Producer<byte[], byte[]> transactionalProducer(
      Map<String, Object> kafkaConfig, String transactionalId) {
    Map<String, Object> props = new HashMap<>();
    Set<String> known = ProducerConfig.configNames();
    common(kafkaConfig)
        .forEach(
            (k, v) -> {
              if (known.contains(k)) {
                props.put(k, v);
              }
            });
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    // Tasks are small and produced in bursts of one batch: a short linger packs a batch into few
    // requests.
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }
}
