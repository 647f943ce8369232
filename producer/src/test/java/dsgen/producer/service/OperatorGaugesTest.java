package dsgen.producer.service;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dsgen.kafka.Topics;
import dsgen.localstack.LocalStack;
import dsgen.localstack.LocalStackTestResource;
import dsgen.localstack.MetricsScrape;
import dsgen.producer.Eventually;
import dsgen.producer.StageDouble;
import dsgen.producer.TestRecords;
import dsgen.producer.api.Api;
import dsgen.records.PromptTask;
import dsgen.records.RecipeRef;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The operator gauges as Prometheus scrapes them from {@code /q/metrics}, while the test plays the
 * gpu-worker and the mask stage: the backlog rises when a job is submitted and falls to 0 as its
 * images are generated or dead-lettered.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
@Timeout(120)
class OperatorGaugesTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String JOB = "gauge-1";
  private static final Map<String, String> OF_JOB = Map.of("job_id", JOB, "dataset", "gauges");

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
  void backlogRisesOnSubmissionAndFallsToZeroAsImagesAreGenerated() {
    String recipeId =
        Api.submit(
                "{'jobId':'"
                    + JOB
                    + "','dataset':'gauges','classes':[{'name':'cat'}],'imagesPerClass':5,"
                    + "'recipes':[{'method':'diffumask'}]}")
            .statusCode(201)
            .extract()
            .jsonPath()
            .getString("recipes[0].recipeId");

    // the backlog counts what the producer committed; the tracker sees the tasks a moment later
    MetricsScrape submitted =
        awaitScrape(s -> backlog(s) == 5 && s.value("dsgen_job_submitted", OF_JOB) == 5);
    assertEquals(0, submitted.value("dsgen_job_generated", OF_JOB));
    assertTotalIsTheSumOfTheJobs(submitted);
    assertTrue(submitted.value(OperatorGauges.BACKLOG, Map.of()) >= 5);

    List<PromptTask> tasks =
        Eventually.await(
            WAIT, () -> stages.committedTasks(JOB), t -> t.size() == 5, "tasks of " + JOB);
    tasks = tasks.stream().sorted(Comparator.comparingLong(PromptTask::getIndex)).toList();
    Instant now = Instant.now();
    for (int i = 0; i < 2; i++) {
      stages.publish(
          Topics.GENERATIONS, tasks.get(i).getImageId(), TestRecords.generation(tasks.get(i), now));
    }
    MetricsScrape partly = awaitScrape(s -> backlog(s) == 3);
    assertEquals(2, partly.value("dsgen_job_generated", OF_JOB));
    assertTotalIsTheSumOfTheJobs(partly);

    for (int i = 2; i < 4; i++) {
      stages.publish(
          Topics.GENERATIONS, tasks.get(i).getImageId(), TestRecords.generation(tasks.get(i), now));
    }
    // a task the worker could not run settles it too: nothing waits for it any more
    stages.publish(
        Topics.DEAD_LETTERS,
        tasks.get(4).getImageId(),
        TestRecords.deadLetter("gpu-worker", tasks.get(4).getImageId(), null, "bad task", now));
    RecipeRef recipe =
        RecipeRef.newBuilder()
            .setRecipeId(recipeId)
            .setMethod("diffumask")
            .setCanonicalJson("{}")
            .build();
    stages.publish(
        Topics.PAIRS, tasks.get(0).getImageId(), TestRecords.pair(tasks.get(0), recipe, now));

    MetricsScrape done =
        awaitScrape(
            s ->
                backlog(s) == 0
                    && s.value("dsgen_job_paired", Map.of("job_id", JOB, "recipe", recipeId)) == 1);
    assertEquals(4, done.value("dsgen_job_generated", OF_JOB));
    assertEquals(1, done.value("dsgen_job_dead_lettered", OF_JOB));
    assertTotalIsTheSumOfTheJobs(done);
    assertTrue(done.value("dsgen_jobs", Map.of("state", "COMPLETED")) >= 1);
    // what deploy/ (KEDA, the Grafana dashboard) may query is exactly what a running producer
    // exports
    assertTrue(
        done.names().containsAll(OperatorGauges.NAMES),
        "exported " + done.names() + ", named " + OperatorGauges.NAMES);
  }

  private static double backlog(MetricsScrape scrape) {
    return scrape.value("dsgen_job_backlog", OF_JOB);
  }

  /** Every job of this producer lies within the retention, so each has its own series. */
  private static void assertTotalIsTheSumOfTheJobs(MetricsScrape scrape) {
    double perJob =
        scrape.find("dsgen_job_backlog", Map.of()).stream()
            .mapToDouble(MetricsScrape.Sample::value)
            .sum();
    assertEquals(perJob, scrape.value(OperatorGauges.BACKLOG, Map.of()), 0.0);
  }

  private static MetricsScrape awaitScrape(Predicate<MetricsScrape> done) {
    return Eventually.await(
        WAIT,
        () ->
            MetricsScrape.parse(
                given().get("/q/metrics").then().statusCode(200).extract().asString()),
        done,
        "operator gauges of " + JOB);
  }
}
