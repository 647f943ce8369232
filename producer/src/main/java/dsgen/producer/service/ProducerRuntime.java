package dsgen.producer.service;

import dsgen.kafka.TopicAdmin;
import dsgen.kafka.Topics;
import dsgen.producer.expansion.ExpansionLoop;
import dsgen.producer.expansion.ExpansionPlanner;
import dsgen.producer.expansion.JobLedger;
import dsgen.producer.tracker.TrackerQueries;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.eclipse.microprofile.config.Config;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the producer's Kafka side: at start-up (in the background, retrying until the broker
 * answers) it creates the topics, prepares the workers' share group, opens the job ledger and
 * starts expansion; at shutdown it stops them. The REST API is up meanwhile and answers 503 until
 * the ledger is open.
 */
@ApplicationScoped
public class ProducerRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(ProducerRuntime.class);
  private static final Duration RETRY = Duration.ofSeconds(2);

  @Inject ProducerConfig config;

  @Inject
  @Identifier("default-kafka-broker")
  Map<String, Object> kafkaConfig;

  @Inject TrackerQueries tracker;
  @Inject Config settings;

  private volatile JobLedger ledger;
  private volatile ExpansionLoop loop;
  private volatile boolean stopping;
  private volatile String status = "connecting to Kafka";
  private Thread starter;

  void onStart(@Observes StartupEvent event) {
    starter = new Thread(this::startUntilReady, "dsgen-producer-start");
    starter.setDaemon(true);
    starter.start();
  }

  private void startUntilReady() {
    while (!stopping) {
      try {
        prepareKafka();
        JobLedger opened =
            JobLedger.open(
                KafkaClients.transactionalProducer(
                    kafkaConfig, config.expansion().transactionalId()),
                KafkaClients.consumer(kafkaConfig),
                Clock.systemUTC(),
                config.expansion().startTimeout());
        ExpansionLoop started =
            new ExpansionLoop(
                    opened,
                    new ExpansionPlanner(
                        config.expansion().batchSize(), config.defaults().targetBacklog()),
                    tracker::settled,
                    config.expansion().idleInterval())
                .start();
        ledger = opened;
        loop = started;
        status = "ready";
        LOG.info("producer ready: {} jobs known", opened.jobs().size());
        return;
      } catch (Exception e) {
        status = "cannot reach Kafka yet: " + e.getMessage();
        LOG.warn("producer start failed, retrying in {}: {}", RETRY, e.toString());
        sleepQuietly(RETRY);
      }
    }
  }

  private void prepareKafka() throws ExecutionException, InterruptedException {
    try (Admin admin = Admin.create(KafkaClients.admin(kafkaConfig))) {
      TopicAdmin.createMissing(
          admin, Topics.all(key -> settings.getOptionalValue(key, String.class)));
      TopicAdmin.shareGroupFromEarliest(admin, config.workerShareGroup());
      ConfigResource group =
          new ConfigResource(ConfigResource.Type.GROUP, config.workerShareGroup());
      admin
          .incrementalAlterConfigs(
              Map.of(
                  group,
                  List.of(
                      new AlterConfigOp(
                          new ConfigEntry("share.isolation.level", "read_committed"),
                          AlterConfigOp.OpType.SET))))
          .all()
          .get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new ExecutionException(
          "setting share.isolation.level of group " + config.workerShareGroup() + " timed out", e);
    }
  }

  /**
   * @throws ServiceUnavailableException until start-up has finished, or after the ledger was fenced
   */
  public JobLedger ledger() {
    JobLedger current = ledger;
    if (current == null) {
      throw new ServiceUnavailableException("producer is starting: " + status);
    }
    if (!current.usable()) {
      throw new ServiceUnavailableException(
          "another producer instance took over this ledger; restart this one");
    }
    return current;
  }

  public boolean ready() {
    return ledger != null && ledger.usable();
  }

  public String status() {
    return status;
  }

  /** A job was submitted: expand it now rather than at the next idle tick. */
  public void jobSubmitted() {
    ExpansionLoop current = loop;
    if (current != null) {
      current.wakeUp();
    }
  }

  void onStop(@Observes ShutdownEvent event) throws InterruptedException {
    stopping = true;
    if (starter != null) {
      starter.interrupt();
    }
    if (loop != null) {
      loop.close();
    }
    if (ledger != null) {
      ledger.close();
    }
  }

  private static void sleepQuietly(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
