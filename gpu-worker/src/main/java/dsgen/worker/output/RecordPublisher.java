package dsgen.worker.output;

import dsgen.kafka.Topic;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes records and waits for the broker's acknowledgement, so a task is ACCEPTed only once its
 * Generation (or dead letter) is durable. Thread-safe.
 */
public final class RecordPublisher implements AutoCloseable {
  private final KafkaProducer<byte[], byte[]> producer;
  private final Duration timeout;

  /**
   * @param timeout how long one record may take to be acknowledged, retries included
   */
  public RecordPublisher(Map<String, Object> clientProperties, Duration timeout) {
    Map<String, Object> props = new HashMap<>(clientProperties);
    // Idempotent with acks=all: producer retries (broker restart) never write a record twice.
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    // The producer gives up when we do, so a record we reported as failed is not written later
    // behind our back.
    long ms = timeout.toMillis();
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(30_000, ms / 2));
    props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) ms);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, ms);
    this.producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    this.timeout = timeout;
  }

  /** Sends one record and blocks until the broker acknowledged it. */
  public <K, V> void publish(Topic<K, V> topic, K key, V value) throws PublishException {
    byte[] k = key == null ? null : topic.keySerializer().serialize(topic.name(), key);
    byte[] v = topic.valueSerializer().serialize(topic.name(), value);
    try {
      Future<?> sent = producer.send(new ProducerRecord<>(topic.name(), k, v));
      sent.get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new PublishException(
          "publishing to " + topic.name() + " failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new PublishException(
          "no acknowledgement from " + topic.name() + " within " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PublishException("interrupted while publishing to " + topic.name(), e);
    } catch (org.apache.kafka.common.KafkaException e) {
      throw new PublishException("publishing to " + topic.name() + " failed: " + e, e);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
