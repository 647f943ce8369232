package dsgen.maskstage.topology;

import static dsgen.kafka.Topics.DEAD_LETTERS;
import static dsgen.kafka.Topics.GENERATIONS;

import dsgen.kafka.DeadLetters;
import dsgen.kafka.UndecodableRecordException;
import dsgen.maskstage.pair.FailureKind;
import dsgen.records.DeadLetter;
import io.micrometer.core.instrument.Metrics;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.jboss.logging.Logger;

/**
 * Kafka Streams' {@code deserialization.exception.handler} of the mask stage: a record whose bytes
 * cannot be decoded becomes a {@link DeadLetter} (with its raw payload) on dsgen.dead-letters,
 * produced in the same transaction as the skipped input, and the stream goes on. Kafka instantiates
 * it by class name, so it reaches the metrics through Micrometer's global registry.
 *
 * <p>Only stream tasks can publish dead letters: the global thread that reads dsgen.jobs has no
 * record collector and would die on one. An undecodable job record is therefore logged and skipped
 * (its owner, the producer, also reads that topic and reports it).
 */
public final class DeadLetterOnUndecodable implements DeserializationExceptionHandler {

  private static final Logger LOG = Logger.getLogger(DeadLetterOnUndecodable.class);

  /** The replay id when this handler serves a replay (its application id), else null. */
  private String replayId;

  @Override
  public void configure(Map<String, ?> configs) {
    Object applicationId =
        configs.get(org.apache.kafka.streams.StreamsConfig.APPLICATION_ID_CONFIG);
    replayId =
        applicationId != null
                && applicationId.toString().startsWith(RecipeSelection.Replay.ID_PREFIX)
            ? applicationId.toString()
            : null;
  }

  @Override
  public Response handleError(
      ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception error) {
    if (!GENERATIONS.name().equals(record.topic())) {
      LOG.warnf(
          "skipping undecodable record %s-%d@%d: %s",
          record.topic(), record.partition(), record.offset(), error.getMessage());
      return Response.resume();
    }
    DeadLetter letter = deadLetter(record, error);
    letter.setReplayId(replayId);
    Metrics.counter(
            MetricNames.DEAD_LETTERS, MetricNames.REASON, FailureKind.UNDECODABLE_RECORD.code())
        .increment();
    String key = DeadLetters.keyOf(letter);
    return Response.resume(
        List.of(
            new ProducerRecord<>(
                DEAD_LETTERS.name(),
                DEAD_LETTERS.keySerializer().serialize(DEAD_LETTERS.name(), key),
                DEAD_LETTERS.valueSerializer().serialize(DEAD_LETTERS.name(), letter))));
  }

  static DeadLetter deadLetter(ConsumerRecord<byte[], byte[]> record, Exception error) {
    String reason =
        error instanceof UndecodableRecordException undecodable
            ? undecodable.reason()
            : "cannot decode the record: " + error.getMessage();
    return DeadLetters.from(MakePairs.STAGE, record)
        .reason(reason)
        .errorClass(FailureKind.UNDECODABLE_RECORD.code())
        .build();
  }
}
