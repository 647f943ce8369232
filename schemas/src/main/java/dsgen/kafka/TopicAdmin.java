package dsgen.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Topic and group set-up that every service may run at start-up; safe to run concurrently and
 * repeatedly.
 */
public final class TopicAdmin {

  /** Replicas per partition on a cluster of three or more brokers. */
  public static final int MAX_REPLICATION_FACTOR = 3;

  private static final Duration CONFIG_VISIBLE_TIMEOUT = Duration.ofSeconds(30);

  private TopicAdmin() {}

  /**
   * Creates the topics that do not exist yet with their partitions and configs and a replication
   * factor of min(3, brokers). Existing topics are left as they are; a topic created meanwhile by
   * another service counts as existing.
   *
   * @return the names of the topics this call created
   */
  public static List<String> createMissing(Admin admin, Collection<Topic<?, ?>> topics) {
    Set<String> existing = await(admin.listTopics().names(), "listing topics");
    short replicationFactor =
        (short)
            Math.min(
                MAX_REPLICATION_FACTOR,
                await(admin.describeCluster().nodes(), "describing the cluster").size());
    List<NewTopic> missing =
        topics.stream()
            .filter(topic -> !existing.contains(topic.name()))
            .map(
                topic ->
                    new NewTopic(topic.name(), topic.partitions(), replicationFactor)
                        .configs(topic.configs()))
            .toList();
    if (missing.isEmpty()) {
      return List.of();
    }
    CreateTopicsResult result = admin.createTopics(missing);
    List<String> created = new ArrayList<>();
    for (Map.Entry<String, KafkaFuture<Void>> entry : result.values().entrySet()) {
      try {
        await(entry.getValue(), "creating topic " + entry.getKey());
        created.add(entry.getKey());
      } catch (KafkaException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    }
    return List.copyOf(created);
  }

  /**
   * Makes a share group start from the earliest offset. A new share group otherwise starts at the
   * latest offset and silently never sees the records produced before its first member joined.
   */
  public static void shareGroupFromEarliest(Admin admin, String groupId) {
    ConfigResource group = new ConfigResource(ConfigResource.Type.GROUP, groupId);
    AlterConfigOp earliest =
        new AlterConfigOp(
            new ConfigEntry("share.auto.offset.reset", "earliest"), AlterConfigOp.OpType.SET);
    String what = "setting share.auto.offset.reset=earliest on share group " + groupId;
    await(admin.incrementalAlterConfigs(Map.of(group, List.of(earliest))).all(), what);
    // The controller commits the change; a broker serves it once its metadata catches up. A worker
    // that joins before that would start at "latest" and miss the backlog, so wait until a broker
    // reports the value.
    long deadline = System.nanoTime() + CONFIG_VISIBLE_TIMEOUT.toNanos();
    while (!"earliest".equals(shareResetOf(admin, group, what))) {
      if (System.nanoTime() > deadline) {
        throw new KafkaException(
            what + ": the brokers still report another value after " + CONFIG_VISIBLE_TIMEOUT);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KafkaException("interrupted while " + what, e);
      }
    }
  }

  private static String shareResetOf(Admin admin, ConfigResource group, String what) {
    ConfigEntry entry =
        await(admin.describeConfigs(List.of(group)).all(), what)
            .get(group)
            .get("share.auto.offset.reset");
    return entry == null ? null : entry.value();
  }

  private static <T> T await(KafkaFuture<T> future, String what) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("interrupted while " + what, e);
    } catch (ExecutionException e) {
      throw new KafkaException(what + " failed: " + e.getCause().getMessage(), e.getCause());
    }
  }
}
