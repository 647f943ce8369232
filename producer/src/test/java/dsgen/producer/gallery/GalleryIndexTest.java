package dsgen.producer.gallery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dsgen.kafka.Topics;
import dsgen.producer.TestRecords;
import dsgen.producer.TrackerFixture;
import dsgen.records.Pair;
import dsgen.records.PromptTask;
import dsgen.records.RecipeRef;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TestInputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gallery index inside the tracker topology (TopologyTestDriver, EOS) and its queries. */
class GalleryIndexTest {
  private TrackerFixture tracker;
  private GalleryQueries gallery;
  private TestInputTopic<String, Pair> pairs;
  private List<PromptTask> tasks;
  private RecipeRef diffumask;
  private RecipeRef datasetDiffusion;

  @BeforeEach
  void start() {
    tracker = new TrackerFixture();
    gallery = tracker.gallery();
    tasks = tracker.tasks();
    diffumask = tracker.diffumask();
    datasetDiffusion = tracker.datasetDiffusion();
    pairs = tracker.input(Topics.PAIRS);
  }

  @AfterEach
  void stop() {
    tracker.close();
  }

  @Test
  void pagesNewestFirstAndChangesAfterACursor() {
    for (int i = 0; i < 6; i++) {
      pipe(i, diffumask, Map.of("cat", 0.1));
    }
    pipeOther("birds", "birds-000000");

    GalleryPage first = gallery.page("pets", null, 4, null, null, null);
    assertEquals(ids(5, 4, 3, 2), imageIds(first));
    assertEquals(6, first.latestSeq());
    GalleryPage second = gallery.page("pets", first.next(), 4, null, null, null);
    assertEquals(ids(1, 0), imageIds(second));
    assertNull(second.next(), "nothing after the last page");

    GalleryPage all = gallery.changes("pets", 0, 100);
    assertEquals(ids(0, 1, 2, 3, 4, 5), imageIds(all), "other datasets never mix in");

    pipe(2, datasetDiffusion, Map.of("cat", 0.2));
    GalleryPage changed = gallery.changes("pets", all.latestSeq(), 100);
    assertEquals(ids(2), imageIds(changed), "only what arrived after the cursor");
    assertEquals(
        List.of(datasetDiffusion.getRecipeId(), diffumask.getRecipeId()).stream().sorted().toList(),
        List.copyOf(changed.items().get(0).pairs().keySet()),
        "the image carries both recipes' pairs");
    assertEquals(ids(2, 5, 4), imageIds(gallery.page("pets", null, 3, null, null, null)));

    GalleryPage limited = gallery.changes("pets", 0, 2);
    assertEquals(2, limited.items().size());
    assertEquals(
        limited.items().get(1).seq(), limited.next(), "a cut-short change set says where to go on");

    DatasetEntry pets = gallery.dataset("pets").orElseThrow();
    assertEquals(6, pets.images());
    assertEquals(7, pets.pairs());
    assertEquals(7, pets.latestSeq());
    assertEquals(
        List.of("birds", "pets"), gallery.datasets().stream().map(DatasetEntry::dataset).toList());
  }

  @Test
  void classStatisticsCountARedeliveredPairOnce() {
    // tasks cycle classes fastest: 0 cat, 1 dog, 2 cat, 3 dog, 4 cat, 5 dog
    pipe(0, diffumask, Map.of("cat", 0.25, "background", 0.75));
    pipe(2, diffumask, Map.of("cat", 0.0, "background", 1.0));
    pipe(4, diffumask, Map.of("cat", 0.95, "background", 0.05));
    pipe(1, diffumask, Map.of("dog", 1.0, "background", 0.0));
    pipe(0, diffumask, Map.of("cat", 0.55, "background", 0.45)); // redelivered, new numbers

    Map<String, ClassStats> stats =
        gallery.classStats("pets").stream()
            .collect(java.util.stream.Collectors.toMap(ClassStats::className, s -> s));
    assertEquals(List.of("cat", "dog"), stats.keySet().stream().sorted().toList());
    ClassStats cat = stats.get("cat");
    assertEquals(3, cat.images());
    assertEquals(2, cat.withPixels(), "the image with no cat pixel is counted apart");
    // summing three doubles and taking one out again: exact to well below 1e-12
    assertEquals((0.55 + 0.0 + 0.95) / 3, cat.meanFraction(), 1e-12);
    assertArrayEquals(new long[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 1}, cat.histogram());
    assertArrayEquals(
        new long[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 1},
        stats.get("dog").histogram(),
        "a fraction of 1 falls in the last bin");
    assertEquals(4, gallery.dataset("pets").orElseThrow().pairs());
  }

  @Test
  void filtersByClassRecipeAndJob() {
    for (int i = 0; i < 6; i++) {
      pipe(i, diffumask, Map.of(i % 2 == 0 ? "cat" : "dog", 0.3));
    }
    pipe(3, datasetDiffusion, Map.of("dog", 0.4));

    assertEquals(ids(4, 2, 0), imageIds(gallery.page("pets", null, 50, "cat", null, null)));
    GalleryPage dogs = gallery.page("pets", null, 2, "dog", null, null);
    assertEquals(ids(3, 5), imageIds(dogs));
    assertEquals(
        ids(1), imageIds(gallery.page("pets", dogs.next(), 2, "dog", null, null)), "next page");
    assertEquals(
        ids(3),
        imageIds(gallery.page("pets", null, 50, null, datasetDiffusion.getRecipeId(), null)));
    assertTrue(gallery.page("pets", null, 50, null, null, "other-job").items().isEmpty());
    assertEquals(6, gallery.page("pets", null, 50, null, null, "pets").items().size());
    assertTrue(gallery.image("pets", tasks.get(3).getImageId()).isPresent());
    assertTrue(gallery.image("pets", "pets-999999").isEmpty());
  }

  private void pipe(int task, RecipeRef recipe, Map<String, Double> fractions) {
    PromptTask t = tasks.get(task);
    Pair pair =
        Pair.newBuilder(TestRecords.pair(t, recipe, TrackerFixture.T0.plusSeconds(task)))
            .setClassFractions(fractions)
            .build();
    pairs.pipeInput(t.getImageId(), pair);
  }

  private void pipeOther(String dataset, String imageId) {
    PromptTask t = tasks.get(0);
    Pair pair =
        Pair.newBuilder(TestRecords.pair(t, diffumask, TrackerFixture.T0))
            .setDataset(dataset)
            .setImageId(imageId)
            .setJobId("birds")
            .build();
    pairs.pipeInput(imageId, pair);
  }

  private List<String> ids(int... task) {
    return java.util.Arrays.stream(task).mapToObj(i -> tasks.get(i).getImageId()).toList();
  }

  private static List<String> imageIds(GalleryPage page) {
    return page.items().stream().map(GalleryImage::imageId).toList();
  }
}
