package dsgen.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dsgen.records.DeadLetter;
import dsgen.records.PromptTask;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

  /** Through the topic's serdes and back. */
  private static DeadLetter roundTrip(DeadLetter letter) {
    String topic = Topics.DEAD_LETTERS.name();
    return Topics.DEAD_LETTERS
        .valueDeserializer()
        .deserialize(topic, Topics.DEAD_LETTERS.valueSerializer().serialize(topic, letter));
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] out = new byte[buffer.remaining()];
    buffer.duplicate().get(out);
    return out;
  }

  @Test
  void undecodableRecordKeepsItsSourceKeyPayloadAndReason() {
    byte[] payload = {(byte) 0xC3, 1, 9, 9};
    ConsumerRecord<byte[], byte[]> record =
        new ConsumerRecord<>("dsgen.prompts", 3, 77, "job-1-000001".getBytes(), payload);
    UndecodableRecordException error =
        new UndecodableRecordException("dsgen.prompts", 3, 77, "corrupt PromptTask body");
    DeadLetter letter = DeadLetters.from("gpu-worker", record, error).workerId("w-1").build();

    assertEquals("gpu-worker", letter.getStage());
    assertEquals("dsgen.prompts", letter.getSourceTopic());
    assertEquals(3, letter.getSourcePartition());
    assertEquals(77, letter.getSourceOffset());
    assertEquals("job-1-000001", letter.getKey());
    assertEquals("corrupt PromptTask body", letter.getReason());
    assertEquals(UndecodableRecordException.class.getName(), letter.getErrorClass());
    assertEquals("w-1", letter.getWorkerId());
    assertArrayEquals(payload, bytes(letter.getPayload()));
  }

  @Test
  void typedValuesAreReEncodedWithTheirTopicSerde() {
    PromptTask task = SampleRecords.promptTask();
    ConsumerRecord<String, PromptTask> record =
        new ConsumerRecord<>(Topics.PROMPTS.name(), 0, 5, task.getImageId(), task);
    DeadLetter letter =
        DeadLetters.from("gpu-worker", record)
            .reason("class 'cat' does not occur in the prompt")
            .errorClass("CLASS_NOT_IN_PROMPT")
            .imageId(task.getImageId())
            .jobId(task.getJobId())
            .build();
    assertEquals(
        task,
        Topics.PROMPTS
            .valueDeserializer()
            .deserialize(Topics.PROMPTS.name(), bytes(letter.getPayload())));
    assertEquals("CLASS_NOT_IN_PROMPT", letter.getErrorClass());
    assertEquals(task.getImageId(), DeadLetters.toRecord(letter).key());
    assertEquals(Topics.DEAD_LETTERS.name(), DeadLetters.toRecord(letter).topic());
  }

  @Test
  void payloadsAboveTheLimitAreDropped() {
    byte[] big = new byte[DeadLetters.MAX_PAYLOAD_BYTES + 1];
    byte[] limit = new byte[DeadLetters.MAX_PAYLOAD_BYTES];
    DeadLetter dropped =
        DeadLetters.at("mask-stage", "dsgen.generations", 1, 2)
            .payload(big)
            .reason("r")
            .errorClass("E")
            .build();
    DeadLetter kept =
        DeadLetters.at("mask-stage", "dsgen.generations", 1, 2)
            .payload(limit)
            .reason("r")
            .errorClass("E")
            .build();
    assertNull(dropped.getPayload());
    assertEquals(DeadLetters.MAX_PAYLOAD_BYTES, kept.getPayload().remaining());
  }

  @Test
  void errorFillsReasonAndClassUnlessGiven() {
    Instant when = Instant.parse("2026-01-01T00:00:00Z");
    DeadLetter letter =
        DeadLetters.at("producer", "dsgen.jobs", -1, -1)
            .error(new IllegalStateException("boom"))
            .occurredAt(when)
            .build();
    assertEquals("boom", letter.getReason());
    assertEquals(IllegalStateException.class.getName(), letter.getErrorClass());
    assertEquals(when, letter.getOccurredAt());
    assertEquals("dsgen.jobs--1@-1", DeadLetters.keyOf(letter));
  }

  @Test
  void aDeadLetterWithoutReasonIsRefused() {
    assertThrows(
        IllegalStateException.class,
        () -> DeadLetters.at("producer", "dsgen.jobs", 0, 0).errorClass("E").build());
  }

  @Test
  void deadLettersWithAndWithoutTheirOptionalFieldsRoundTrip() {
    DeadLetter letter =
        DeadLetters.at("producer", "dsgen.jobs", 0, 0).reason("r").errorClass("E").build();
    assertEquals(letter, roundTrip(letter));

    DeadLetter full =
        DeadLetters.at("mask-stage", "dsgen.generations", 2, 41)
            .reason("recipe diffumask-1a2b3c4d needs sa_mean_64")
            .errorClass("missing-tensor")
            .key("pets-000003")
            .jobId("pets")
            .imageId("pets-000003")
            .recipeId("diffumask-1a2b3c4d")
            .workerId("mask-stage-1")
            .payload(new byte[] {1, 2, 3})
            .occurredAt(Instant.parse("2026-11-22T10:00:00Z"))
            .build();
    full.setReplayId("dsgen-replay-diffumask-1a2b3c4d");
    DeadLetter back = roundTrip(full);
    assertEquals(full, back);
    assertEquals("pets-000003", back.getImageId());
    assertEquals("dsgen-replay-diffumask-1a2b3c4d", back.getReplayId());
    assertArrayEquals(new byte[] {1, 2, 3}, bytes(back.getPayload()));
  }
}
