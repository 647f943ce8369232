package dsgen.worker.support;

import dsgen.kafka.Topics;
import dsgen.records.JobSpec;
import dsgen.records.PromptTask;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes prompt tasks (or raw bytes posing as one) and job states, as the producer service would.
 */
public final class RecordFeed implements AutoCloseable {
  private final KafkaProducer<byte[], byte[]> producer;

  public RecordFeed(String bootstrapServers) {
    this.producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new ByteArraySerializer(),
            new ByteArraySerializer());
  }

  public void task(PromptTask task) {
    raw(
        Topics.PROMPTS.name(),
        task.getImageId(),
        Topics.PROMPTS.valueSerializer().serialize(Topics.PROMPTS.name(), task));
  }

  public void job(JobSpec job) {
    raw(
        Topics.JOBS.name(),
        job.getJobId(),
        Topics.JOBS.valueSerializer().serialize(Topics.JOBS.name(), job));
  }

  /** Writes raw bytes; {@code key} and {@code value} may be null (poison-pill tests). */
  public void raw(String topic, String key, byte[] value) {
    try {
      byte[] keyBytes = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
      producer.send(new ProducerRecord<>(topic, keyBytes, value)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot write to " + topic, e.getCause());
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
