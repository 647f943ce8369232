package dsgen.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dsgen.kafka.Topics;
import dsgen.localstack.LocalStack;
import dsgen.localstack.LocalStackExtension;
import dsgen.records.ClassEntry;
import dsgen.records.DeadLetter;
import dsgen.records.Generation;
import dsgen.records.GenerationParams;
import dsgen.records.JobSpec;
import dsgen.records.JobState;
import dsgen.records.PromptTask;
import dsgen.worker.support.InProcessWorkers;
import dsgen.worker.support.RecordFeed;
import dsgen.worker.support.TopicLog;
import dsgen.worker.task.TestTasks;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every kind of bad task ends as exactly one dead letter naming the problem, and the worker goes
 * on; tasks of a cancelled job are acknowledged without generating.
 */
@ExtendWith(LocalStackExtension.class)
class InvalidTasksTest {

  /** Expected errorClass and a part of the reason, by record key. */
  record Expectation(String errorClass, String reasonPart) {}

  @Test
  @Timeout(180)
  void eachInvalidTaskBecomesOneDeadLetterAndTheWorkerGoesOn(LocalStack stack) throws Exception {
    Map<String, Expectation> expected = new LinkedHashMap<>();
    try (InProcessWorkers workers = new InProcessWorkers();
        RecordFeed feed = new RecordFeed(stack.bootstrapServers());
        TopicLog<DeadLetter> deadLetters =
            new TopicLog<>(stack.bootstrapServers(), Topics.DEAD_LETTERS);
        TopicLog<Generation> generations =
            new TopicLog<>(stack.bootstrapServers(), Topics.GENERATIONS)) {
      feed.job(cancelledJob("gone"));
      // the worker's job view reads dsgen.jobs too: unreadable records there are skipped (the
      // producer owns that topic), a tombstone deletes, and cancellations still apply
      byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
      feed.raw(Topics.JOBS.name(), "bad-job", garbage);
      feed.raw(Topics.JOBS.name(), null, garbage);
      feed.raw(Topics.JOBS.name(), "deleted-job", null);
      feed.raw(
          Topics.JOBS.name(),
          "wrong-type-job",
          Topics.PROMPTS
              .valueSerializer()
              .serialize(Topics.PROMPTS.name(), TestTasks.valid("x", 0).build()));
      Worker worker = workers.start(stack, "checker", Map.of());
      workers.awaitRunning(Duration.ofSeconds(90));

      feed.raw(Topics.PROMPTS.name(), "bad-schema", unknownSchemaBytes());
      expected.put("bad-schema", new Expectation("UNDECODABLE_RECORD", "not a PromptTask"));
      feed.raw(
          Topics.PROMPTS.name(), "bad-bytes", "not avro at all".getBytes(StandardCharsets.UTF_8));
      expected.put("bad-bytes", new Expectation("UNDECODABLE_RECORD", "not a PromptTask"));
      feed.raw(Topics.PROMPTS.name(), "null-value", null);
      expected.put("null-value", new Expectation("UNDECODABLE_RECORD", "value is null"));
      feed.raw(
          Topics.PROMPTS.name(),
          "wrong-type",
          Topics.JOBS.valueSerializer().serialize(Topics.JOBS.name(), cancelledJob("x")));
      expected.put("wrong-type", new Expectation("UNDECODABLE_RECORD", "not a PromptTask"));
      // a valid task under a null key is generated: the image id is in the value
      feed.raw(
          Topics.PROMPTS.name(),
          null,
          Topics.PROMPTS
              .valueSerializer()
              .serialize(Topics.PROMPTS.name(), TestTasks.valid("good", 2).build()));
      bad(feed, expected, 0, t -> t.setPrompt(" "), "EMPTY_PROMPT", "prompt: is blank");
      bad(
          feed,
          expected,
          1,
          t -> t.setPrompt("a photo of a dog"),
          "CLASS_NOT_IN_PROMPT",
          "class 'cat'");
      bad(
          feed,
          expected,
          2,
          t -> t.setParams(params(64, 0)),
          "STEPS_OUT_OF_RANGE",
          "params.steps: must be 1..999, was 0");
      bad(
          feed,
          expected,
          3,
          t -> t.setParams(params(64, 1001)),
          "STEPS_OUT_OF_RANGE",
          "params.steps: must be 1..999, was 1001");
      bad(
          feed,
          expected,
          4,
          t ->
              t.setParams(GenerationParams.newBuilder(params(64, 2)).setGuidanceScale(200).build()),
          "GUIDANCE_OUT_OF_RANGE",
          "params.guidanceScale: must be in 1..50, was 200.0");
      bad(
          feed,
          expected,
          5,
          t -> t.setParams(params(60, 2)),
          "SIZE_NOT_A_MULTIPLE",
          "params.width: must be a multiple of 64 in 64..512, was 60");
      bad(
          feed,
          expected,
          6,
          t -> t.setParams(params(1024, 2)),
          "SIZE_TOO_LARGE",
          "params.width: must be a multiple of 64 in 64..512 (this model's maximum), was 1024");
      bad(
          feed,
          expected,
          7,
          t ->
              t.setParams(
                  GenerationParams.newBuilder(params(64, 2))
                      .setCaptureProfile("ca_mean_8,no_such_tensor")
                      .build()),
          "UNKNOWN_CAPTURE_PROFILE",
          "no_such_tensor");
      // Passes the worker's checks, refused by the model (alone, or in a batch that is then split
      // task by task).
      feed.task(TestTasks.valid("good", 0).build());
      bad(
          feed,
          expected,
          8,
          t -> t.setClasses(List.of(cat(), cat())),
          "REJECTED_BY_MODEL",
          "listed twice");
      feed.task(TestTasks.valid("gone", 0).build());
      feed.task(TestTasks.valid("gone", 1).build());
      feed.task(TestTasks.valid("good", 1).build());

      List<Generation> done = generations.readUntil(g -> g.size() >= 3, Duration.ofSeconds(120));
      List<DeadLetter> letters =
          deadLetters.readUntil(d -> d.size() >= expected.size(), Duration.ofSeconds(30));
      letters = deadLetters.readFor(Duration.ofSeconds(2));

      assertEquals(
          Set.of("good-000000", "good-000001", "good-000002"),
          generations.readFor(Duration.ofSeconds(1)).stream()
              .map(Generation::getImageId)
              .collect(Collectors.toSet()),
          "only the valid tasks are generated");
      Map<String, List<DeadLetter>> byKey =
          letters.stream().collect(Collectors.groupingBy(DeadLetter::getKey));
      assertEquals(
          expected.keySet(), byKey.keySet(), "one dead letter per bad task, none for the others");
      expected.forEach(
          (key, e) -> {
            List<DeadLetter> found = byKey.get(key);
            assertEquals(1, found.size(), key + ": " + found);
            DeadLetter d = found.get(0);
            assertEquals(e.errorClass(), d.getErrorClass(), key);
            assertTrue(d.getReason().contains(e.reasonPart()), key + ": " + d.getReason());
            assertEquals("gpu-worker", d.getStage());
            assertEquals(Topics.PROMPTS.name(), d.getSourceTopic());
            assertTrue(d.getSourceOffset() >= 0 && d.getSourcePartition() >= 0);
            assertEquals("checker", d.getWorkerId());
          });
      assertEquals(
          2.0, workers.tasks(worker, "cancelled"), "the cancelled job's tasks were skipped");
      assertEquals(Worker.State.RUNNING, worker.state());
      assertEquals(0, worker.metrics().inFlight(), "every task was acknowledged");
    }
  }

  private static void bad(
      RecordFeed feed,
      Map<String, Expectation> expected,
      int index,
      UnaryOperator<PromptTask.Builder> change,
      String errorClass,
      String reasonPart) {
    PromptTask task = change.apply(TestTasks.valid("bad", index)).build();
    feed.task(task);
    expected.put(task.getImageId(), new Expectation(errorClass, reasonPart));
  }

  private static GenerationParams params(int size, int steps) {
    return TestTasks.params(size, steps).build();
  }

  private static ClassEntry cat() {
    return ClassEntry.newBuilder().setName("cat").setLabel(1).build();
  }

  /** Avro single-object encoding header with a fingerprint no schema has. */
  private static byte[] unknownSchemaBytes() {
    ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 0xC3)
        .put((byte) 0x01)
        .putLong(0x1234_5678_9ABC_DEF0L)
        .put((byte) 2)
        .put((byte) 'x');
    return b.array();
  }

  private static JobSpec cancelledJob(String jobId) {
    return JobSpec.newBuilder()
        .setJobId(jobId)
        .setDataset("test-set")
        .setState(JobState.CANCELLED)
        .setClasses(List.of(cat()))
        .setSeed(1)
        .setParams(params(64, 2))
        .setRecipes(List.of())
        .setCreatedAt(Instant.now())
        .setUpdatedAt(Instant.now())
        .build();
  }
}
