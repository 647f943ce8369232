package dsgen.maskstage.topology;

import static dsgen.kafka.Topics.DEAD_LETTERS;

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

/**
 * Kafka Streams' {@code deserialization.exception.handler} of the mask stage: a record whose bytes cannot be
 * decoded becomes a {@link DeadLetter} (with its raw payload) on dsgen.dead-letters, produced in the same
 * transaction as the skipped input, and the stream goes on. Kafka instantiates it by class name, so it reaches the
 * metrics through Micrometer's global registry.
 */
public final class DeadLetterOnUndecodable implements DeserializationExceptionHandler {

    @Override
    public void configure(Map<String, ?> configs) {
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception error) {
        DeadLetter letter = deadLetter(record, error);
        Metrics.counter(MetricNames.DEAD_LETTERS, MetricNames.REASON, FailureKind.UNDECODABLE_RECORD.code()).increment();
        String key = DeadLetters.keyOf(letter);
        return Response.resume(List.of(new ProducerRecord<>(DEAD_LETTERS.name(),
                DEAD_LETTERS.keySerializer().serialize(DEAD_LETTERS.name(), key),
                DEAD_LETTERS.valueSerializer().serialize(DEAD_LETTERS.name(), letter))));
    }

    static DeadLetter deadLetter(ConsumerRecord<byte[], byte[]> record, Exception error) {
        String reason = error instanceof UndecodableRecordException undecodable
                ? undecodable.reason()
                : "cannot decode the record: " + error.getMessage();
        return DeadLetters.from(MakePairs.STAGE, record)
                .reason(reason)
                .errorClass(FailureKind.UNDECODABLE_RECORD.code())
                .build();
    }
}
