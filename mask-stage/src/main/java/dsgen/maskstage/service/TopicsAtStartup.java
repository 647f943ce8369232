package dsgen.maskstage.service;

import dsgen.kafka.TopicAdmin;
import dsgen.kafka.Topics;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Creates the dsgen topics that do not exist yet, so the stage can start before the producer has
 * ever run. Kafka Streams waits for its source topics meanwhile ({@code
 * quarkus.kafka-streams.topics}).
 */
@ApplicationScoped
public class TopicsAtStartup {

  private static final Logger LOG = Logger.getLogger(TopicsAtStartup.class);
  private static final String KAFKA_PREFIX = "kafka.";

  void onStart(@Observes StartupEvent event, MaskStageConfig stage, Config config) {
    if (!stage.createTopics()) {
      return;
    }
    try (Admin admin = Admin.create(kafkaClientProperties(config))) {
      List<String> created =
          TopicAdmin.createMissing(
              admin, Topics.all(key -> config.getOptionalValue(key, String.class)));
      if (!created.isEmpty()) {
        LOG.infof("created topics %s", created);
      }
    }
  }

  /**
   * Every {@code kafka.*} key without the prefix: bootstrap servers plus any security settings,
   * passed through.
   */
  static Map<String, Object> kafkaClientProperties(Config config) {
    Map<String, Object> props = new HashMap<>();
    for (String name : config.getPropertyNames()) {
      if (name.startsWith(KAFKA_PREFIX)) {
        config
            .getOptionalValue(name, String.class)
            .ifPresent(value -> props.put(name.substring(KAFKA_PREFIX.length()), value));
      }
    }
    return props;
  }
}
