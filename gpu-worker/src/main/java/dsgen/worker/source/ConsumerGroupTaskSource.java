package dsgen.worker.source;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prompt tasks from a classic consumer group, for clusters without share groups: at most one worker
 * per partition, offsets committed only up to the lowest task not yet finished, so nothing
 * published-but-uncommitted is lost and a released task is read again by seeking back.
 */
public final class ConsumerGroupTaskSource implements TaskSource {
  private static final Logger LOG = LoggerFactory.getLogger(ConsumerGroupTaskSource.class);
  private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(30);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Duration keepAliveInterval;
  private final Map<TopicPartition, PartitionProgress> progress = new HashMap<>();
  private final List<ConsumerRecord<byte[], byte[]>> undelivered = new ArrayList<>();
  private final List<ConsumerRecord<byte[], byte[]>> held = new ArrayList<>();

  public ConsumerGroupTaskSource(
      Map<String, Object> clientProperties, String groupId, String topic, int maxRecords) {
    Map<String, Object> props = new HashMap<>(clientProperties);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // A new group reads the tasks produced before its first worker started.
    props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxRecords);
    this.consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    Object interval = props.getOrDefault(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 300_000);
    this.keepAliveInterval = Duration.ofMillis(Long.parseLong(interval.toString())).dividedBy(3);
    this.consumer.subscribe(List.of(topic), new CommitOnRevoke());
  }

  @Override
  public List<ConsumerRecord<byte[], byte[]>> poll(Duration timeout) {
    if (!undelivered.isEmpty()) {
      List<ConsumerRecord<byte[], byte[]>> out = List.copyOf(undelivered);
      undelivered.clear();
      return out;
    }
    return take(consumer.poll(timeout));
  }

  private List<ConsumerRecord<byte[], byte[]>> take(
      Iterable<ConsumerRecord<byte[], byte[]>> records) {
    List<ConsumerRecord<byte[], byte[]>> fresh = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      PartitionProgress p =
          progress.computeIfAbsent(
              new TopicPartition(r.topic(), r.partition()), tp -> new PartitionProgress());
      if (p.isKnown(r.offset())) {
        continue; // read again after a seek back to a released task: already done or in hand
      }
      p.delivered(r.offset());
      held.add(r);
      fresh.add(r);
    }
    return fresh;
  }

  @Override
  public void acknowledge(ConsumerRecord<byte[], byte[]> record, Acknowledgement acknowledgement) {
    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
    held.removeIf(
        r ->
            r.topic().equals(record.topic())
                && r.partition() == record.partition()
                && r.offset() == record.offset());
    PartitionProgress p = progress.get(tp);
    if (p == null) {
      LOG.warn(
          "Cannot {} {}-{}@{}: the partition was reassigned to another worker",
          acknowledgement,
          record.topic(),
          record.partition(),
          record.offset());
      return;
    }
    if (acknowledgement == Acknowledgement.RELEASE) {
      p.released(record.offset());
      consumer.seek(tp, p.rewindTo().orElseThrow());
    } else {
      p.finished(record.offset());
    }
  }

  @Override
  public void commit() {
    commit(progress.keySet());
  }

  private void commit(Collection<TopicPartition> partitions) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition tp : partitions) {
      PartitionProgress p = progress.get(tp);
      if (p != null) {
        p.advance().ifPresent(position -> offsets.put(tp, new OffsetAndMetadata(position)));
      }
    }
    if (offsets.isEmpty()) {
      return;
    }
    try {
      consumer.commitSync(offsets, COMMIT_TIMEOUT);
    } catch (KafkaException e) {
      LOG.warn(
          "Offset commit {} failed ({}); those tasks may be processed again",
          offsets,
          e.toString());
    }
  }

  @Override
  public void keepAlive() {
    // max.poll.interval.ms counts from the last poll: poll with every partition paused to stay in
    // the group.
    Set<TopicPartition> paused = new HashSet<>(consumer.assignment());
    consumer.pause(paused);
    try {
      undelivered.addAll(take(consumer.poll(Duration.ZERO)));
    } finally {
      paused.retainAll(consumer.assignment());
      consumer.resume(paused);
    }
  }

  @Override
  public Duration keepAliveInterval() {
    return keepAliveInterval;
  }

  @Override
  public void releaseHeld() {
    for (ConsumerRecord<byte[], byte[]> r : List.copyOf(held)) {
      acknowledge(r, Acknowledgement.RELEASE);
    }
    undelivered.clear();
  }

  @Override
  public void wakeup() {
    consumer.wakeup();
  }

  @Override
  public void close() {
    commit();
    consumer.close(Duration.ofSeconds(10));
  }

  /**
   * Commits finished work before a partition moves to another worker, so that worker does not redo
   * it.
   */
  private final class CommitOnRevoke implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      commit(partitions);
      forget(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      forget(partitions);
    }

    private void forget(Collection<TopicPartition> partitions) {
      partitions.forEach(progress::remove);
      held.removeIf(r -> partitions.contains(new TopicPartition(r.topic(), r.partition())));
      undelivered.removeIf(r -> partitions.contains(new TopicPartition(r.topic(), r.partition())));
    }
  }
}
