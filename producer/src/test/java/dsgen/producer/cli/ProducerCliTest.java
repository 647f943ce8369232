package dsgen.producer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dsgen.kafka.Topics;
import dsgen.localstack.LocalStack;
import dsgen.localstack.LocalStackTestResource;
import dsgen.producer.Eventually;
import dsgen.producer.StageDouble;
import dsgen.producer.TestRecords;
import dsgen.producer.api.Api;
import dsgen.records.PromptTask;
import dsgen.records.RecipeRef;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The CLI against the running producer: submit, follow with the progress bar, exit codes, jobs,
 * cancel.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
@Timeout(180)
class ProducerCliTest {
  LocalStack stack;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void submitFollowExitsOneWhenAnImageWasDeadLettered() throws Exception {
    CompletableFuture<Void> stages = CompletableFuture.runAsync(() -> playStages("cli-1", 4, 1));
    int code =
        cli(
            Map.of("DSGEN_TOKEN", Api.TOKEN),
            "submit",
            "--url",
            url(),
            "--job-id",
            "cli-1",
            "--dataset",
            "pets",
            "--classes",
            "cat,dog",
            "--images-per-class",
            "2",
            "--recipe",
            "diffumask",
            "--recipe",
            "dataset-diffusion",
            "--follow");
    stages.get();
    String printed = out.toString(StandardCharsets.UTF_8);
    assertEquals(Follower.EXIT_DEAD_LETTERS, code, printed + err);
    assertTrue(printed.startsWith("submitted cli-1: 4 images into dataset pets"), printed);
    assertTrue(
        printed.contains(
            "cli-1 [####################] 3/4 generated | pairs diffumask 3/4, dataset-diffusion 3/4 | dead 1"),
        printed);
    assertTrue(printed.contains(" pairs under datasets/pets/diffumask-"), printed);
    assertTrue(
        printed.contains(
            "1 image(s) dead-lettered; latest errors:\n  gpu-worker cli-1-000003: no luck"),
        printed);

    out.reset();
    assertEquals(0, cli(Map.of("DSGEN_TOKEN", Api.TOKEN), "jobs", "--url", url()));
    assertTrue(
        out.toString(StandardCharsets.UTF_8)
            .lines()
            .anyMatch(l -> l.startsWith("cli-1 ") && l.contains("COMPLETED")),
        out.toString());
  }

  @Test
  void cleanJobExitsZeroAndCancelledJobExitsThree() throws Exception {
    CompletableFuture<Void> stages = CompletableFuture.runAsync(() -> playStages("cli-2", 2, 0));
    assertEquals(
        0,
        cli(
            Map.of("DSGEN_TOKEN", Api.TOKEN, "DSGEN_PRODUCER_URL", url()),
            "submit",
            "--job-id",
            "cli-2",
            "--dataset",
            "pets",
            "--classes",
            "cat",
            "--images-per-class",
            "2",
            "--recipe",
            "diffumask",
            "--follow"),
        err.toString());
    stages.get();

    assertEquals(
        0,
        cli(
            Map.of("DSGEN_TOKEN", Api.TOKEN),
            "submit",
            "--url",
            url(),
            "--job-id",
            "cli-3",
            "--dataset",
            "pets",
            "--classes",
            "cat",
            "--continuous",
            "--recipe",
            "diffumask"));
    out.reset();
    assertEquals(0, cli(Map.of("DSGEN_TOKEN", Api.TOKEN), "cancel", "cli-3", "--url", url()));
    assertEquals("cli-3 CANCELLED\n", out.toString(StandardCharsets.UTF_8));
    assertEquals(
        Follower.EXIT_CANCELLED,
        cli(Map.of("DSGEN_TOKEN", Api.TOKEN), "follow", "cli-3", "--url", url()));
  }

  @Test
  void badRequestsAndMissingTokenExitTwoWithTheReason() throws Exception {
    assertEquals(
        ProducerCli.EXIT_USAGE,
        cli(
            Map.of("DSGEN_TOKEN", Api.TOKEN),
            "submit",
            "--url",
            url(),
            "--dataset",
            "pets",
            "--classes",
            "cat",
            "--steps",
            "0",
            "--recipe",
            "diffumask"));
    assertTrue(
        err.toString(StandardCharsets.UTF_8)
            .contains("invalid job request (HTTP 400)\n  steps: must be 1..999, was 0"),
        err.toString());
    err.reset();
    assertEquals(ProducerCli.EXIT_USAGE, cli(Map.of(), "jobs", "--url", url()));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("(HTTP 401)"), err.toString());
    err.reset();
    assertEquals(ProducerCli.EXIT_USAGE, cli(Map.of(), "follow"));
    assertTrue(
        err.toString(StandardCharsets.UTF_8).startsWith("dsgen: a job id is required"),
        err.toString());
    assertEquals(Follower.EXIT_UNREACHABLE, cli(Map.of(), "jobs", "--url", "http://127.0.0.1:1"));
  }

  private int cli(Map<String, String> env, String... args) throws InterruptedException {
    return new ProducerCli(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            false,
            env::get)
        .run(List.of(args));
  }

  private static String url() {
    return "http://localhost:" + RestAssured.port;
  }

  /**
   * Waits for the job's tasks, then generates all, pairs all but the dead-lettered last ones for
   * every recipe.
   */
  private void playStages(String jobId, int images, int deadLettered) {
    try (StageDouble stages = new StageDouble(stack.bootstrapServers())) {
      List<PromptTask> tasks =
          new ArrayList<>(
              Eventually.await(
                  Duration.ofSeconds(60),
                  () -> stages.committedTasks(jobId),
                  t -> t.size() == images,
                  "tasks of " + jobId));
      tasks.sort(Comparator.comparingLong(PromptTask::getIndex));
      List<RecipeRef> recipes =
          Eventually.await(
                  Duration.ofSeconds(30),
                  () ->
                      Api.get(jobId).extract().jsonPath().getList("recipes.recipeId", String.class),
                  r -> !r.isEmpty(),
                  "recipes")
              .stream()
              .map(
                  id ->
                      RecipeRef.newBuilder()
                          .setRecipeId(id)
                          .setMethod(id.substring(0, id.lastIndexOf('-')))
                          .setCanonicalJson("{}")
                          .build())
              .toList();
      Instant t0 = Instant.now();
      for (int i = 0; i < images; i++) {
        PromptTask task = tasks.get(i);
        Eventually.sleep(300);
        if (i >= images - deadLettered) {
          stages.publish(
              Topics.DEAD_LETTERS,
              task.getImageId(),
              TestRecords.deadLetter("gpu-worker", task.getImageId(), null, "no luck", t0));
          continue;
        }
        stages.publish(
            Topics.GENERATIONS, task.getImageId(), TestRecords.generation(task, t0.plusSeconds(i)));
        for (RecipeRef r : recipes) {
          stages.publish(Topics.PAIRS, task.getImageId(), TestRecords.pair(task, r, t0));
        }
      }
    }
  }
}
