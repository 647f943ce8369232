package dsgen.maskstage.cli;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * Whether a Streams application has caught up with a topic: every partition's committed offset has
 * reached the end offset taken when the replay started. Under exactly-once the offsets are
 * committed in the same transaction as the pairs, so a committed offset means its outputs are
 * committed too — nothing is left in flight.
 */
final class CatchUp {

  /**
   * @param done records at or below the committed offsets; @param total records between start and
   *     end
   */
  record Progress(long done, long total, boolean caughtUp) {}

  private CatchUp() {}

  /**
   * @param earliest first offset of each partition (records before it were deleted by retention)
   * @param end end offset of each partition, the target
   * @param committed committed offset of each partition the group has committed for
   */
  static Progress progress(
      Map<TopicPartition, Long> earliest,
      Map<TopicPartition, Long> end,
      Map<TopicPartition, Long> committed) {
    long done = 0;
    long total = 0;
    boolean caughtUp = true;
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      long from = earliest.getOrDefault(e.getKey(), 0L);
      long to = e.getValue();
      long at = committed.getOrDefault(e.getKey(), from);
      long size = Math.max(0, to - from);
      total += size;
      done += Math.min(size, Math.max(0, at - from));
      if (to > from && at < to) {
        caughtUp = false;
      }
    }
    return new Progress(done, total, caughtUp);
  }

  /**
   * Offsets of every partition of a topic; the latest ones as a read_committed consumer sees them.
   */
  static Map<TopicPartition, Long> offsets(Admin admin, String topic, OffsetSpec spec) {
    var partitions =
        await(admin.describeTopics(java.util.List.of(topic)).allTopicNames(), "describing " + topic)
            .get(topic)
            .partitions()
            .stream()
            .map(p -> new TopicPartition(topic, p.partition()))
            .collect(Collectors.toMap(tp -> tp, tp -> spec));
    var result =
        await(
            admin
                .listOffsets(partitions, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .all(),
            "listing offsets of " + topic);
    return result.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }

  /**
   * Committed offsets of a group on one topic, waiting for pending transactional commits to settle.
   */
  static Map<TopicPartition, Long> committed(Admin admin, String groupId, String topic) {
    Map<TopicPartition, OffsetAndMetadata> offsets =
        await(
            admin
                .listConsumerGroupOffsets(
                    groupId, new ListConsumerGroupOffsetsOptions().requireStable(true))
                .partitionsToOffsetAndMetadata(),
            "reading committed offsets of " + groupId);
    return offsets.entrySet().stream()
        .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
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
