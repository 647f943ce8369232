package dsgen.maskstage.topology;

import static dsgen.kafka.Topics.DEAD_LETTERS;
import static dsgen.kafka.Topics.GENERATIONS;
import static dsgen.kafka.Topics.JOBS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dsgen.records.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler.Response;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler.Result;
import org.junit.jupiter.api.Test;

class DeadLetterOnUndecodableTest {

  private final DeadLetterOnUndecodable handler = new DeadLetterOnUndecodable();
  private final byte[] garbage = "not avro".getBytes(StandardCharsets.UTF_8);

  @Test
  void anUndecodableGenerationBecomesADeadLetterAndTheStreamResumes() {
    Response response =
        handler.handleError(
            null,
            new ConsumerRecord<>(
                GENERATIONS.name(), 3, 42L, "img-1".getBytes(StandardCharsets.UTF_8), garbage),
            new IllegalStateException("bad bytes"));
    assertEquals(Result.RESUME, response.result());
    List<ProducerRecord<byte[], byte[]>> out = response.deadLetterQueueRecords();
    assertEquals(1, out.size());
    assertEquals(DEAD_LETTERS.name(), out.get(0).topic());
    DeadLetter letter =
        DEAD_LETTERS.valueDeserializer().deserialize(DEAD_LETTERS.name(), out.get(0).value());
    assertEquals("img-1", letter.getKey());
    assertEquals(3, letter.getSourcePartition());
    assertEquals(42L, letter.getSourceOffset());
    assertEquals("undecodable-record", letter.getErrorClass());
    assertTrue(letter.getReason().contains("bad bytes"), letter.getReason());
  }

  /**
   * The global thread (dsgen.jobs) cannot produce; a dead letter there would stop Kafka Streams.
   */
  @Test
  void anUndecodableJobIsSkippedWithoutADeadLetter() {
    Response response =
        handler.handleError(
            null,
            new ConsumerRecord<>(
                JOBS.name(), 0, 7L, "job-1".getBytes(StandardCharsets.UTF_8), garbage),
            new IllegalStateException("bad bytes"));
    assertEquals(Result.RESUME, response.result());
    assertTrue(response.deadLetterQueueRecords().isEmpty());
  }
}
