package dsgen.producer.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dsgen.kafka.Topic;
import dsgen.kafka.Topics;
import dsgen.producer.TestRecords;
import dsgen.producer.TrackerFixture;
import dsgen.records.JobSpec;
import dsgen.records.PromptTask;
import dsgen.records.RecipeRef;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TrackerTopologyTest {
  private static final Instant T0 = TrackerFixture.T0;

  private TrackerFixture tracker;
  private JobSpec job;

  @BeforeEach
  void start() {
    tracker = new TrackerFixture();
    job = tracker.job();
  }

  @AfterEach
  void stop() {
    tracker.close();
  }

  @Test
  void countsDistinctImagesPerJobAndPairsPerRecipe() {
    List<PromptTask> tasks = tracker.tasks();
    var prompts = input(Topics.PROMPTS);
    tasks.forEach(t -> prompts.pipeInput(t.getImageId(), t));
    prompts.pipeInput(tasks.get(0).getImageId(), tasks.get(0)); // a duplicate task counts once

    var generations = input(Topics.GENERATIONS);
    for (int i = 0; i < 4; i++) {
      generations.pipeInput(
          tasks.get(i).getImageId(), TestRecords.generation(tasks.get(i), T0.plusSeconds(10L * i)));
    }
    generations.pipeInput(
        tasks.get(1).getImageId(),
        TestRecords.generation(tasks.get(1), T0.plusSeconds(35))); // retried attempt

    RecipeRef diffumask = job.getRecipes().get(0);
    RecipeRef dd = job.getRecipes().get(1);
    var pairs = input(Topics.PAIRS);
    for (int i = 0; i < 4; i++) {
      pairs.pipeInput(tasks.get(i).getImageId(), TestRecords.pair(tasks.get(i), diffumask, T0));
    }
    pairs.pipeInput(
        tasks.get(3).getImageId(), TestRecords.pair(tasks.get(3), diffumask, T0)); // duplicate pair
    pairs.pipeInput(tasks.get(0).getImageId(), TestRecords.pair(tasks.get(0), dd, T0));

    var dead = input(Topics.DEAD_LETTERS);
    dead.pipeInput(
        tasks.get(4).getImageId(),
        TestRecords.deadLetter("gpu-worker", tasks.get(4).getImageId(), null, "bad prompt", T0));
    dead.pipeInput(
        tasks.get(2).getImageId(),
        TestRecords.deadLetter(
            "mask-stage", tasks.get(2).getImageId(), dd.getRecipeId(), "missing tensor", T0));
    dead.pipeInput(
        tasks.get(2).getImageId(),
        TestRecords.deadLetter(
            "mask-stage",
            tasks.get(2).getImageId(),
            dd.getRecipeId(),
            "missing tensor again",
            T0.plusSeconds(1)));

    assertEquals(6L, count(TrackerTopology.SUBMITTED, "pets"));
    assertEquals(4L, count(TrackerTopology.GENERATED, "pets"));
    assertEquals(2L, count(TrackerTopology.DEAD_LETTERED, "pets"));
    assertEquals(
        5L, count(TrackerTopology.SETTLED, "pets"), "4 generated + 1 dead-lettered by a worker");
    assertEquals(4L, count(TrackerTopology.PAIRED, "pets/" + diffumask.getRecipeId()));
    assertEquals(1L, count(TrackerTopology.PAIRED, "pets/" + dd.getRecipeId()));

    KeyValueStore<String, GenerationTimeline> timeline = tracker.store(TrackerTopology.TIMELINE);
    assertEquals(
        new GenerationTimeline(T0.toEpochMilli(), T0.plusSeconds(35).toEpochMilli()),
        timeline.get("pets"));

    KeyValueStore<String, RecentErrors> errors = tracker.store(TrackerTopology.ERRORS);
    List<ErrorSummary> kept = errors.get("pets").errors();
    assertEquals(
        List.of("missing tensor", "missing tensor again"),
        kept.stream().map(ErrorSummary::reason).toList(),
        "the two most recent of three");
    assertEquals(tasks.get(2).getImageId(), kept.get(0).imageId());
    assertEquals("mask-stage", kept.get(0).stage());
  }

  @Test
  void deadLettersWithoutAnImageAreNotCountedButShownWhenTheirJobIsKnown() {
    var dead = input(Topics.DEAD_LETTERS);
    var letter = TestRecords.deadLetter("producer", null, null, "job record unreadable", T0);
    letter.setJobId("pets");
    dead.pipeInput("dsgen.jobs-0@5", letter);
    assertEquals(null, tracker.<Long>store(TrackerTopology.DEAD_LETTERED).get("pets"));
    KeyValueStore<String, RecentErrors> errors = tracker.store(TrackerTopology.ERRORS);
    assertEquals(
        Map.of("reason", "job record unreadable"),
        Map.of("reason", errors.get("pets").errors().get(0).reason()));
  }

  @Test
  void aReplaysPairsAndDeadLettersDoNotCountAgainstTheReplayedJob() {
    PromptTask task = tracker.tasks().get(0);
    RecipeRef diffumask = job.getRecipes().get(0);
    var pair = TestRecords.pair(task, diffumask, T0);
    pair.setReplayId("dsgen-replay-diffumask-1a2b3c4d");
    input(Topics.PAIRS).pipeInput(task.getImageId(), pair);
    var letter =
        TestRecords.deadLetter("mask-stage", task.getImageId(), "x", "undecodable-record", T0);
    letter.setReplayId("dsgen-replay-diffumask-1a2b3c4d");
    input(Topics.DEAD_LETTERS).pipeInput(task.getImageId(), letter);
    assertEquals(null, count(TrackerTopology.PAIRED, "pets/" + diffumask.getRecipeId()));
    assertEquals(null, count(TrackerTopology.DEAD_LETTERED, "pets"));
    KeyValueStore<String, RecentErrors> errors = tracker.store(TrackerTopology.ERRORS);
    assertEquals(null, errors.get("pets"), "nor among the job's errors");
    // the same records from the live stages count
    pair.setReplayId(null);
    letter.setReplayId(null);
    input(Topics.PAIRS).pipeInput(task.getImageId(), pair);
    input(Topics.DEAD_LETTERS).pipeInput(task.getImageId(), letter);
    assertEquals(1L, count(TrackerTopology.PAIRED, "pets/" + diffumask.getRecipeId()));
    assertEquals(1L, count(TrackerTopology.DEAD_LETTERED, "pets"));
  }

  @Test
  void deadLettersAreBrokenDownByReasonAndRecipeCountingImagesOnce() {
    List<PromptTask> tasks = tracker.tasks().subList(0, 3);
    String dd = job.getRecipes().get(1).getRecipeId();
    var dead = input(Topics.DEAD_LETTERS);
    for (int i = 0; i < 2; i++) {
      dead.pipeInput(
          tasks.get(i).getImageId(),
          TestRecords.deadLetter(
              "mask-stage", tasks.get(i).getImageId(), dd, "no tensor " + i, T0));
    }
    dead.pipeInput(
        tasks.get(0).getImageId(),
        TestRecords.deadLetter(
            "mask-stage", tasks.get(0).getImageId(), dd, "no tensor, redelivered", T0));
    var other = TestRecords.deadLetter("gpu-worker", tasks.get(2).getImageId(), null, "oom", T0);
    other.setErrorClass("OutOfMemory");
    dead.pipeInput(tasks.get(2).getImageId(), other);

    assertEquals(2L, count(DeadLetterIndex.BY_REASON, "pets/mask-stage/TestFailure"));
    assertEquals(1L, count(DeadLetterIndex.BY_REASON, "pets/gpu-worker/OutOfMemory"));
    assertEquals(2L, count(DeadLetterIndex.BY_RECIPE, "pets/" + dd));
    assertEquals(
        null,
        count(DeadLetterIndex.BY_RECIPE, "pets/" + job.getRecipes().get(0).getRecipeId()),
        "the other recipe lost nothing");
    KeyValueStore<String, RecentErrors> examples = tracker.store(DeadLetterIndex.EXAMPLES);
    assertEquals(
        List.of("no tensor 0", "no tensor 1", "no tensor, redelivered"),
        examples.get("pets/mask-stage/TestFailure").errors().stream()
            .map(ErrorSummary::reason)
            .toList(),
        "the latest three (the kept number) of the reason");
  }

  private Long count(String store, String key) {
    return tracker.count(store, key);
  }

  private <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
    return tracker.input(topic);
  }
}
