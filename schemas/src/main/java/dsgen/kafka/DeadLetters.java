package dsgen.kafka;

import dsgen.records.DeadLetter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Builds the {@link DeadLetter} a stage publishes for a record it could not handle. Every stage
 * uses it, so dead letters name their source the same way and keep the raw payload when it is small
 * enough.
 *
 * <pre>{@code
 * DeadLetter dl = DeadLetters.from("gpu-worker", record).reason("class 'cat' does not occur in the prompt")
 *         .error(e).imageId(task.getImageId()).workerId(workerId).build();
 * producer.send(DeadLetters.toRecord(dl));
 * }</pre>
 */
public final class DeadLetters {

  /**
   * Payloads up to this size are copied into the dead letter; larger ones are dropped (the source
   * offset remains).
   */
  public static final int MAX_PAYLOAD_BYTES = 64 * 1024;

  private DeadLetters() {}

  /**
   * A dead letter for a consumed record: topic, partition, offset and key are copied; the payload
   * is the raw value when the record was consumed as bytes, or the value re-encoded with its
   * topic's serde otherwise.
   */
  public static Builder from(String stage, ConsumerRecord<?, ?> record) {
    Builder builder = new Builder(stage, record.topic(), record.partition(), record.offset());
    builder.key(keyText(record.key()));
    builder.payload(payloadBytes(record));
    return builder;
  }

  /** A dead letter for a record that could not be decoded at all. */
  public static Builder from(
      String stage, ConsumerRecord<byte[], byte[]> record, UndecodableRecordException error) {
    return from(stage, (ConsumerRecord<?, ?>) record).reason(error.reason()).error(error);
  }

  /**
   * A dead letter for input that did not come from a consumed record, or whose position the caller
   * holds.
   */
  public static Builder at(String stage, String sourceTopic, int partition, long offset) {
    return new Builder(stage, sourceTopic, partition, offset);
  }

  /**
   * The record to publish on {@link Topics#DEAD_LETTERS}: keyed by the source key, or by {@code
   * topic-partition@offset} when the source had none.
   */
  public static ProducerRecord<String, DeadLetter> toRecord(DeadLetter deadLetter) {
    return Topics.DEAD_LETTERS.record(keyOf(deadLetter), deadLetter);
  }

  /** The key a dead letter is published under. */
  public static String keyOf(DeadLetter deadLetter) {
    if (deadLetter.getKey() != null) {
      return deadLetter.getKey();
    }
    return deadLetter.getSourceTopic()
        + "-"
        + deadLetter.getSourcePartition()
        + "@"
        + deadLetter.getSourceOffset();
  }

  private static String keyText(Object key) {
    if (key == null) {
      return null;
    }
    return key instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : key.toString();
  }

  @SuppressWarnings("unchecked")
  private static byte[] payloadBytes(ConsumerRecord<?, ?> record) {
    Object value = record.value();
    if (value == null || value instanceof byte[]) {
      return (byte[]) value;
    }
    for (Topic<?, ?> topic : Topics.all()) {
      if (topic.name().equals(record.topic())) {
        try {
          return ((Serializer<Object>) topic.valueSerializer()).serialize(record.topic(), value);
        } catch (RuntimeException e) {
          return null; // the value is what failed; the source offset still locates it
        }
      }
    }
    return null;
  }

  /**
   * Fills in a {@link DeadLetter}; reason and, unless an error is given, errorClass are required.
   */
  public static final class Builder {

    private final DeadLetter.Builder letter = DeadLetter.newBuilder();
    private Throwable error;

    private Builder(String stage, String sourceTopic, int partition, long offset) {
      letter
          .setStage(Objects.requireNonNull(stage, "stage"))
          .setSourceTopic(Objects.requireNonNull(sourceTopic, "sourceTopic"))
          .setSourcePartition(partition)
          .setSourceOffset(offset);
    }

    /** What was wrong with the input, for a person: name the field, tensor or object. */
    public Builder reason(String reason) {
      letter.setReason(reason);
      return this;
    }

    /** The failure; its class becomes errorClass and its message the reason when none was given. */
    public Builder error(Throwable error) {
      this.error = error;
      return this;
    }

    /** A reason code used as errorClass when the failure was detected without an exception. */
    public Builder errorClass(String errorClass) {
      letter.setErrorClass(errorClass);
      return this;
    }

    public Builder key(String key) {
      letter.setKey(key);
      return this;
    }

    public Builder jobId(String jobId) {
      letter.setJobId(jobId);
      return this;
    }

    public Builder imageId(String imageId) {
      letter.setImageId(imageId);
      return this;
    }

    public Builder recipeId(String recipeId) {
      letter.setRecipeId(recipeId);
      return this;
    }

    public Builder workerId(String workerId) {
      letter.setWorkerId(workerId);
      return this;
    }

    /** The raw bytes of the failed record; kept only up to {@link #MAX_PAYLOAD_BYTES}. */
    public Builder payload(byte[] payload) {
      letter.setPayload(
          payload == null || payload.length > MAX_PAYLOAD_BYTES
              ? null
              : ByteBuffer.wrap(payload.clone()));
      return this;
    }

    /** When the failure happened; now unless set. */
    public Builder occurredAt(Instant when) {
      letter.setOccurredAt(when);
      return this;
    }

    public DeadLetter build() {
      if (error != null) {
        if (!letter.hasErrorClass()) {
          letter.setErrorClass(error.getClass().getName());
        }
        if (!letter.hasReason()) {
          letter.setReason(
              error.getMessage() != null ? error.getMessage() : error.getClass().getSimpleName());
        }
      }
      if (!letter.hasReason()) {
        throw new IllegalStateException(
            "a dead letter needs a reason (what was wrong with the input)");
      }
      if (!letter.hasErrorClass()) {
        throw new IllegalStateException("a dead letter needs an errorClass or an error");
      }
      if (!letter.hasOccurredAt()) {
        letter.setOccurredAt(Instant.now());
      }
      return letter.build();
    }
  }
}
