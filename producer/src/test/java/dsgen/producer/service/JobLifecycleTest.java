package dsgen.producer.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dsgen.kafka.Topics;
import dsgen.localstack.LocalStack;
import dsgen.localstack.LocalStackTestResource;
import dsgen.producer.Eventually;
import dsgen.producer.StageDouble;
import dsgen.producer.TestRecords;
import dsgen.producer.api.Api;
import dsgen.producer.jobs.ImageIds;
import dsgen.producer.jobs.TaskSeeds;
import dsgen.records.PromptTask;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The producer on the local stack: expansion into dsgen.prompts, the tracker's counts while other
 * stages (played by the test) publish generations, pairs and dead letters, continuous backlog and
 * cancellation.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
@Timeout(180)
class JobLifecycleTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  LocalStack stack;
  private StageDouble stages;

  @BeforeEach
  void connect() {
    stages = new StageDouble(stack.bootstrapServers());
  }

  @AfterEach
  void disconnect() {
    stages.close();
  }

  @Test
  void finiteJobIsExpandedIntoExactlyItsTasks() {
    // 2 classes x 2 templates x 5 images = 20 tasks, produced in batches of 7 (the %test batch
    // size); the target backlog lets all of them wait at once
    Api.submit(
            "{'jobId':'expand-1','dataset':'pets','seed':42,'classes':[{'name':'cat'},{'name':'dog'}],"
                + "'templates':['a photo of a {class}','a {class} outdoors'],'imagesPerClass':5,'targetBacklog':20,"
                + "'recipes':[{'method':'diffumask'}]}")
        .statusCode(201);
    JsonPath job =
        awaitJob(
            "expand-1",
            j -> j.getString("state").equals("COMPLETED") && j.getInt("counts.submitted") == 20);
    assertEquals(20, job.getLong("producedTasks"));

    List<PromptTask> tasks = stages.committedTasks("expand-1");
    assertEquals(20, tasks.size(), "no duplicates in dsgen.prompts");
    List<PromptTask> byIndex =
        tasks.stream().sorted(Comparator.comparingLong(PromptTask::getIndex)).toList();
    for (int i = 0; i < 20; i++) {
      PromptTask t = byIndex.get(i);
      assertEquals(i, t.getIndex());
      assertEquals(ImageIds.of("expand-1", i), t.getImageId());
      assertEquals(TaskSeeds.seedOf(42, i), t.getSeed());
    }
    assertEquals("a dog outdoors", byIndex.get(3).getPrompt());
  }

  @Test
  void trackerCountsWhatTheOtherStagesPublish() {
    JsonPath submitted =
        Api.submit(
                "{'jobId':'track-1','dataset':'pets','classes':[{'name':'cat'},{'name':'dog'}],'imagesPerClass':3,"
                    + "'recipes':[{'method':'diffumask'},{'method':'dataset-diffusion'}]}")
            .statusCode(201)
            .extract()
            .jsonPath();
    String diffumask = submitted.getString("recipes[0].recipeId");
    String dd = submitted.getString("recipes[1].recipeId");
    awaitJob("track-1", j -> j.getInt("counts.submitted") == 6);
    List<PromptTask> tasks =
        stages.committedTasks("track-1").stream()
            .sorted(Comparator.comparingLong(PromptTask::getIndex))
            .toList();

    Instant t0 = Instant.now().minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    for (int i = 0; i < 5; i++) {
      stages.publish(
          Topics.GENERATIONS,
          tasks.get(i).getImageId(),
          TestRecords.generation(tasks.get(i), t0.plusSeconds(15L * i)));
    }
    stages.publish(
        Topics.GENERATIONS,
        tasks.get(0).getImageId(),
        TestRecords.generation(tasks.get(0), t0.plusSeconds(61)));
    stages.publish(
        Topics.DEAD_LETTERS,
        tasks.get(5).getImageId(),
        TestRecords.deadLetter(
            "gpu-worker",
            tasks.get(5).getImageId(),
            null,
            "class 'dog' does not occur in the prompt",
            t0));
    var diffumaskRef =
        dsgen.records.RecipeRef.newBuilder()
            .setRecipeId(diffumask)
            .setMethod("diffumask")
            .setCanonicalJson("{}")
            .build();
    var ddRef =
        dsgen.records.RecipeRef.newBuilder()
            .setRecipeId(dd)
            .setMethod("dataset-diffusion")
            .setCanonicalJson("{}")
            .build();
    for (int i = 0; i < 4; i++) {
      stages.publish(
          Topics.PAIRS,
          tasks.get(i).getImageId(),
          TestRecords.pair(tasks.get(i), diffumaskRef, t0));
    }
    for (int i = 0; i < 3; i++) {
      stages.publish(
          Topics.PAIRS, tasks.get(i).getImageId(), TestRecords.pair(tasks.get(i), ddRef, t0));
    }

    JsonPath job =
        awaitJob(
            "track-1",
            j ->
                j.getInt("counts.generated") == 5
                    && j.getInt("counts.paired." + quoted(dd)) == 3
                    && j.getInt("counts.paired." + quoted(diffumask)) == 4
                    && j.getInt("counts.deadLettered") == 1);
    assertEquals(6, job.getInt("counts.submitted"));
    assertEquals(0, job.getInt("counts.backlog"));
    assertEquals("class 'dog' does not occur in the prompt", job.getString("lastErrors[0].reason"));
    assertEquals("gpu-worker", job.getString("lastErrors[0].stage"));
    assertEquals(tasks.get(5).getImageId(), job.getString("lastErrors[0].imageId"));
    // 5 distinct images generated; the latest generation record is at t0 + 61 s
    long span =
        t0.plusSeconds(61).toEpochMilli()
            - Instant.parse(job.getString("createdAt")).toEpochMilli();
    // rest-assured's JSON path reads numbers as float32: relative 2^-24 of a rate of a few per
    // minute is ≈ 1e-7; 1e-3 leaves room for the rate being printed with fewer digits
    assertEquals(
        5 * 60_000.0 / span, job.getDouble("imagesPerMinute"), 1e-3, "JSON path reads floats");
    assertEquals(t0.toString(), job.getString("firstGenerationAt"));
    assertEquals(0L, job.getLong("etaSeconds"));
    assertFalse(job.getBoolean("finished"));

    stages.publish(
        Topics.PAIRS, tasks.get(4).getImageId(), TestRecords.pair(tasks.get(4), diffumaskRef, t0));
    stages.publish(
        Topics.PAIRS, tasks.get(3).getImageId(), TestRecords.pair(tasks.get(3), ddRef, t0));
    stages.publish(
        Topics.PAIRS, tasks.get(4).getImageId(), TestRecords.pair(tasks.get(4), ddRef, t0));
    awaitJob("track-1", j -> j.getBoolean("finished"));

    List<Map<String, Object>> listed =
        Api.authed().get("/jobs").then().statusCode(200).extract().jsonPath().getList("$");
    assertTrue(listed.stream().anyMatch(j -> j.get("jobId").equals("track-1")));
  }

  @Test
  void continuousJobKeepsItsBacklogUntilCancelled() {
    Api.submit(
            "{'jobId':'stream-1','dataset':'pets','classes':[{'name':'cat'}],'continuous':true,'targetBacklog':4,"
                + "'recipes':[{'method':'diffumask'}]}")
        .statusCode(201);
    awaitJob("stream-1", j -> j.getInt("counts.submitted") == 4);
    Eventually.sleep(1500);
    assertEquals(
        4,
        stages.committedTasks("stream-1").size(),
        "the backlog stays at its target while nothing is generated");

    List<PromptTask> first = stages.committedTasks("stream-1");
    for (int i = 0; i < 3; i++) {
      stages.publish(
          Topics.GENERATIONS,
          first.get(i).getImageId(),
          TestRecords.generation(first.get(i), Instant.now()));
    }
    JsonPath job = awaitJob("stream-1", j -> j.getInt("counts.submitted") == 7);
    assertEquals("ACTIVE", job.getString("state"));
    assertEquals(4, job.getInt("counts.backlog"));

    JsonPath cancelled =
        Api.authed().delete("/jobs/stream-1").then().statusCode(200).extract().jsonPath();
    assertEquals("CANCELLED", cancelled.getString("state"));
    assertTrue(cancelled.getBoolean("finished"));
    List<PromptTask> afterCancel = stages.committedTasks("stream-1");
    for (PromptTask t : afterCancel) {
      stages.publish(Topics.GENERATIONS, t.getImageId(), TestRecords.generation(t, Instant.now()));
    }
    awaitJob("stream-1", j -> j.getInt("counts.generated") == afterCancel.size());
    Eventually.sleep(1000);
    assertEquals(
        afterCancel.size(),
        stages.committedTasks("stream-1").size(),
        "a cancelled job gets no more tasks");
    assertEquals(
        afterCancel.stream().map(PromptTask::getIndex).collect(Collectors.toSet()),
        LongStream.range(0, afterCancel.size()).boxed().collect(Collectors.toSet()));
    Api.authed()
        .delete("/jobs/stream-1")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getString("state")
        .equals("CANCELLED");
  }

  @Test
  void aLargeFiniteJobIsExpandedOnlyAsItsTasksSettle() {
    Api.submit(
            "{'jobId':'paced-1','dataset':'pets','classes':[{'name':'cat'},{'name':'dog'}],'imagesPerClass':500,"
                + "'targetBacklog':5,'recipes':[{'method':'diffumask'}]}")
        .statusCode(201);
    awaitJob("paced-1", j -> j.getInt("counts.submitted") == 5);
    Eventually.sleep(1500);
    List<PromptTask> first = stages.committedTasks("paced-1");
    assertEquals(5, first.size(), "a 1000-image job waits with 5 tasks on dsgen.prompts");

    for (int i = 0; i < 3; i++) {
      stages.publish(
          Topics.GENERATIONS,
          first.get(i).getImageId(),
          TestRecords.generation(first.get(i), Instant.now()));
    }
    stages.publish(
        Topics.DEAD_LETTERS,
        first.get(3).getImageId(),
        TestRecords.deadLetter(
            "gpu-worker", first.get(3).getImageId(), null, "simulated", Instant.now()));
    JsonPath job = awaitJob("paced-1", j -> j.getInt("counts.submitted") == 9);
    assertEquals("ACTIVE", job.getString("state"));
    assertEquals(5, job.getInt("counts.backlog"));
    assertEquals(5, job.getInt("targetBacklog"));
    Eventually.sleep(1000);
    assertEquals(9, stages.committedTasks("paced-1").size(), "4 settled, 4 more produced");
    Api.authed().delete("/jobs/paced-1").then().statusCode(200);
  }

  @Test
  void cancellingAFiniteJobStopsItsExpansion() {
    // 1000 tasks, of which only the target backlog is produced before the cancel
    Api.submit(
            "{'jobId':'cancel-1','dataset':'pets','classes':[{'name':'cat'},{'name':'dog'}],'imagesPerClass':500,"
                + "'recipes':[{'method':'diffumask'}]}")
        .statusCode(201);
    JsonPath cancelled =
        Api.authed().delete("/jobs/cancel-1").then().statusCode(200).extract().jsonPath();
    assertEquals("CANCELLED", cancelled.getString("state"));
    long produced = cancelled.getLong("producedTasks");
    assertTrue(produced < 1000, "cancelled before everything was produced: " + produced);
    Eventually.sleep(1000);
    List<PromptTask> tasks = stages.committedTasks("cancel-1");
    assertEquals(produced, tasks.size(), "exactly the tasks committed before the cancel");
    assertEquals(
        produced,
        Api.get("cancel-1").statusCode(200).extract().jsonPath().getLong("producedTasks"));
  }

  private static JsonPath awaitJob(String jobId, java.util.function.Predicate<JsonPath> done) {
    JsonPath job =
        Eventually.await(
            WAIT,
            () -> Api.get(jobId).statusCode(200).extract().jsonPath(),
            j -> j.get("counts") != null && done.test(j),
            "job " + jobId);
    assertNotNull(job);
    return job;
  }

  private static String quoted(String key) {
    return "'" + key + "'";
  }
}
