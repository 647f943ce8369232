package dsgen.worker.source;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.clients.consumer.ShareConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicIdPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prompt tasks from a KIP-932 share group with explicit acknowledgement.
 *
 * <p>Lock renewal (KIP-1222, Kafka 4.2+): a record acknowledged with {@code RENEW} leaves the
 * consumer's in-flight set until the broker confirmed the renewal, then the next {@code poll()}
 * hands it back (and fetches nothing new in that pass). This class hides that: renewed records go
 * back to the held set silently, and a record the worker finished while its renewal was still on
 * the wire is acknowledged as soon as it is back. Verified on 4.3.1: four renewals over ten seconds
 * kept two records from a second consumer with a four-second lock.
 */
public final class ShareGroupTaskSource implements TaskSource {
  private static final Logger LOG = LoggerFactory.getLogger(ShareGroupTaskSource.class);
  private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration RENEW_POLL = Duration.ofMillis(100);

  private final ShareConsumer<byte[], byte[]> consumer;
  private final boolean renewLocks;
  private final Duration configuredLock;

  /** Records handed to the caller, acknowledgeable now. */
  private final Map<RecordCoordinate, ConsumerRecord<byte[], byte[]>> held = new LinkedHashMap<>();

  /** Records whose RENEW is on the wire: not acknowledgeable until a poll returns them. */
  private final Map<RecordCoordinate, ConsumerRecord<byte[], byte[]>> renewing =
      new LinkedHashMap<>();

  /** Outcomes given for records that were renewing at the time; applied when they come back. */
  private final Map<RecordCoordinate, Acknowledgement> settledWhileRenewing = new HashMap<>();

  /** New records acquired by a keep-alive poll, handed out by the next {@link #poll}. */
  private final List<ConsumerRecord<byte[], byte[]>> undelivered = new ArrayList<>();

  /**
   * @param clientProperties Kafka client settings (bootstrap, security); group id and mode are
   *     added here
   * @param maxRecords records acquired per poll: one batch, so a worker never locks tasks it cannot
   *     start
   * @param configuredLock the group's lock duration when the worker set it, else zero (broker
   *     default)
   */
  public ShareGroupTaskSource(
      Map<String, Object> clientProperties,
      String groupId,
      String topic,
      int maxRecords,
      boolean renewLocks,
      Duration configuredLock) {
    Map<String, Object> props = new HashMap<>(clientProperties);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    props.put(ConsumerConfig.SHARE_ACKNOWLEDGEMENT_MODE_CONFIG, "explicit");
    // record_limit: the broker acquires at most max.poll.records per fetch, so idle workers get the
    // rest.
    props.put(ConsumerConfig.SHARE_ACQUIRE_MODE_CONFIG, "record_limit");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxRecords);
    this.consumer =
        new KafkaShareConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.consumer.subscribe(List.of(topic));
    this.renewLocks = renewLocks;
    this.configuredLock = configuredLock;
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

  /** Sorts what a poll returned into renewed records coming back and new records for the caller. */
  private List<ConsumerRecord<byte[], byte[]>> take(
      Iterable<ConsumerRecord<byte[], byte[]>> records) {
    List<ConsumerRecord<byte[], byte[]>> fresh = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      RecordCoordinate at = RecordCoordinate.of(r);
      if (renewing.remove(at) != null) {
        Acknowledgement settled = settledWhileRenewing.remove(at);
        if (settled != null) {
          consumer.acknowledge(r, typeOf(settled));
        } else {
          held.put(at, r);
        }
      } else {
        held.put(at, r);
        fresh.add(r);
      }
    }
    return fresh;
  }

  @Override
  public void acknowledge(ConsumerRecord<byte[], byte[]> record, Acknowledgement acknowledgement) {
    RecordCoordinate at = RecordCoordinate.of(record);
    ConsumerRecord<byte[], byte[]> current = held.remove(at);
    if (current != null) {
      consumer.acknowledge(current, typeOf(acknowledgement));
    } else if (renewing.containsKey(at)) {
      settledWhileRenewing.put(at, acknowledgement);
    } else {
      // Its renewal was refused (lock expired, broker restarted): the broker already made it
      // available again.
      LOG.warn(
          "Cannot {} {}: this worker no longer holds its acquisition lock", acknowledgement, at);
    }
  }

  @Override
  public void commit() {
    Map<TopicIdPartition, Optional<KafkaException>> results = consumer.commitSync(COMMIT_TIMEOUT);
    results.forEach(
        (partition, error) ->
            error.ifPresent(
                e ->
                    LOG.warn(
                        "Acknowledgements for {} were not applied ({}); those records will be delivered again",
                        partition,
                        e.toString())));
  }

  @Override
  public void keepAlive() {
    if (!renewLocks || held.isEmpty()) {
      return;
    }
    for (Iterator<Map.Entry<RecordCoordinate, ConsumerRecord<byte[], byte[]>>> it =
            held.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<RecordCoordinate, ConsumerRecord<byte[], byte[]>> e = it.next();
      consumer.acknowledge(e.getValue(), AcknowledgeType.RENEW);
      renewing.put(e.getKey(), e.getValue());
      it.remove();
    }
    Map<TopicIdPartition, Optional<KafkaException>> results = consumer.commitSync(COMMIT_TIMEOUT);
    results.forEach((partition, error) -> error.ifPresent(e -> dropLost(partition, e)));
    undelivered.addAll(take(consumer.poll(RENEW_POLL)));
    LOG.debug(
        "Renewed acquisition locks; holding {}, renewal pending for {}",
        held.size(),
        renewing.size());
  }

  /**
   * A refused renewal ends the delivery: the records of that partition come back to the group, not
   * to us.
   */
  private void dropLost(TopicIdPartition partition, KafkaException error) {
    int lost = 0;
    for (Iterator<RecordCoordinate> it = renewing.keySet().iterator(); it.hasNext(); ) {
      RecordCoordinate at = it.next();
      if (at.topic().equals(partition.topic()) && at.partition() == partition.partition()) {
        it.remove();
        settledWhileRenewing.remove(at);
        lost++;
      }
    }
    LOG.warn(
        "Lock renewal refused for {} ({}): {} records may be processed again by another worker",
        partition,
        error.toString(),
        lost);
  }

  @Override
  public Duration keepAliveInterval() {
    Duration lock =
        consumer
            .acquisitionLockTimeoutMs()
            .map(ms -> Duration.ofMillis(ms))
            .orElse(configuredLock.isZero() ? Duration.ofSeconds(30) : configuredLock);
    return lock.dividedBy(3);
  }

  @Override
  public void releaseHeld() {
    for (ConsumerRecord<byte[], byte[]> r : List.copyOf(held.values())) {
      acknowledge(r, Acknowledgement.RELEASE);
    }
    for (ConsumerRecord<byte[], byte[]> r : renewing.values()) {
      settledWhileRenewing.put(RecordCoordinate.of(r), Acknowledgement.RELEASE);
    }
    undelivered.clear();
  }

  @Override
  public void wakeup() {
    consumer.wakeup();
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(10));
  }

  private static AcknowledgeType typeOf(Acknowledgement a) {
    return switch (a) {
      case ACCEPT -> AcknowledgeType.ACCEPT;
      case RELEASE -> AcknowledgeType.RELEASE;
      case REJECT -> AcknowledgeType.REJECT;
    };
  }
}
