package dsgen.maskstage.topology;

import static dsgen.kafka.Topics.DEAD_LETTERS;
import static dsgen.kafka.Topics.GENERATIONS;
import static dsgen.kafka.Topics.JOBS;
import static dsgen.kafka.Topics.PAIRS;
import static dsgen.maskstage.testing.MaskFixtures.generation;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dsgen.masks.image.RgbImage;
import dsgen.maskstage.MaskStage;
import dsgen.maskstage.StageOptions;
import dsgen.maskstage.dataset.DatasetKeys;
import dsgen.maskstage.dataset.VocLabelPng;
import dsgen.maskstage.pair.LibraryMaskComputer;
import dsgen.maskstage.pair.PairMetrics;
import dsgen.maskstage.pair.RecipeRequest;
import dsgen.maskstage.testing.AttentionEdits;
import dsgen.maskstage.testing.MaskFixtures;
import dsgen.recipe.Recipe;
import dsgen.recipe.Recipes;
import dsgen.records.DeadLetter;
import dsgen.records.Generation;
import dsgen.records.JobSpec;
import dsgen.records.ObjectRef;
import dsgen.records.Pair;
import dsgen.records.RecipeRef;
import dsgen.store.LocalObjectStore;
import dsgen.store.ObjectStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mask-stage topology on {@link TopologyTestDriver}, with the real mask library and a real
 * local-folder object store holding the {@code blobs-1class} fixture.
 */
class MaskTopologyTest {

  private static final String JOB = "job-a";
  private static final String DATASET = "cats";
  private static final Recipe DIFFUMASK = Recipes.resolve("diffumask", Map.of(), 32);
  private static final Recipe DATASET_DIFFUSION =
      Recipes.resolve("dataset-diffusion", Map.of(), 32);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;

  private ObjectStore store;
  private TopologyTestDriver driver;
  private TestInputTopic<String, JobSpec> jobs;
  private TestInputTopic<String, Generation> generations;
  private TestOutputTopic<String, Pair> pairs;
  private TestOutputTopic<String, DeadLetter> deadLetters;
  private byte[] attention;
  private List<String> captured;
  private Map<String, ObjectRef> objects;

  @BeforeEach
  void setUp() {
    store = new LocalObjectStore(temp.resolve("objects"));
    attention = MaskFixtures.attention();
    captured = MaskFixtures.tensorNames(attention);
    objects =
        MaskFixtures.upload(
            store, JOB, MaskFixtures.imageId(JOB, 0), "g-1", attention, MaskFixtures.image());
  }

  @AfterEach
  void tearDown() {
    if (driver != null) {
      driver.close();
    }
    store.close();
  }

  private void start(RecipeSelection selection) {
    start(selection, StreamsConfig.EXACTLY_ONCE_V2);
  }

  private void start(RecipeSelection selection, String guarantee) {
    Clock clock = Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC);
    Topology topology =
        MaskStage.topology(
            selection,
            MaskStage.makePairs(
                store,
                new LibraryMaskComputer(),
                new VocLabelPng(),
                PairMetrics.none(),
                new StageOptions(0.95f, Duration.ZERO, Duration.ofSeconds(30), "test-instance"),
                clock));
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "mask-stage-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
    props.put(StreamsConfig.STATE_DIR_CONFIG, temp.resolve("state").toString());
    props.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetterOnUndecodable.class.getName());
    driver = new TopologyTestDriver(topology, props);
    jobs = driver.createInputTopic(JOBS.name(), JOBS.keySerializer(), JOBS.valueSerializer());
    generations =
        driver.createInputTopic(
            GENERATIONS.name(), GENERATIONS.keySerializer(), GENERATIONS.valueSerializer());
    pairs =
        driver.createOutputTopic(PAIRS.name(), PAIRS.keyDeserializer(), PAIRS.valueDeserializer());
    deadLetters =
        driver.createOutputTopic(
            DEAD_LETTERS.name(), DEAD_LETTERS.keyDeserializer(), DEAD_LETTERS.valueDeserializer());
  }

  private void startWithJob(List<Recipe> recipes) {
    start(new RecipeSelection.FromJobs());
    jobs.pipeInput(JOB, MaskFixtures.job(JOB, DATASET, recipes));
  }

  private Generation gen(int index, String generationId, ObjectRef image, ObjectRef attentionRef) {
    return generation(JOB, DATASET, index, generationId, image, attentionRef, captured);
  }

  private Generation gen0() {
    return gen(0, "g-1", objects.get("image"), objects.get("attention"));
  }

  @Test
  void topologyNamesEveryProcessor() {
    String description =
        MaskStage.topology(
                new RecipeSelection.FromJobs(),
                MaskStage.makePairs(
                    store,
                    new LibraryMaskComputer(),
                    new VocLabelPng(),
                    PairMetrics.none(),
                    StageOptions.defaults("x"),
                    Clock.systemUTC()))
            .describe()
            .toString();
    for (String name :
        List.of(
            "generations",
            "attach-job-recipes",
            "make-pairs",
            "route-pairs",
            "route-dead-letters",
            "pairs",
            "dead-letters",
            MakePairs.DONE_STORE,
            MaskTopology.JOBS_STORE)) {
      assertTrue(description.contains(name), () -> name + " missing from\n" + description);
    }
    assertFalse(description.contains("KSTREAM-"), () -> "unnamed processor in\n" + description);
  }

  @Test
  void eachRecipeOfTheJobGetsOnePairWithReadableObjects() throws Exception {
    startWithJob(List.of(DIFFUMASK, DATASET_DIFFUSION));
    generations.pipeInput(MaskFixtures.imageId(JOB, 0), gen0());

    List<Pair> out = pairs.readValuesToList();
    assertEquals(
        List.of(DIFFUMASK.recipeId(), DATASET_DIFFUSION.recipeId()),
        out.stream().map(p -> p.getRecipe().getRecipeId()).toList());
    assertTrue(deadLetters.isEmpty(), "no dead letters expected");
    assertEquals(
        out.get(0).getImage().getSha256(),
        out.get(1).getImage().getSha256(),
        "every recipe's folder holds the same JPEG of the image");
    for (Pair pair : out) {
      DatasetKeys keys = new DatasetKeys(DATASET, pair.getRecipe().getRecipeId());
      String id = pair.getImageId();
      assertEquals(store.uriOf(keys.image(id)), pair.getImage().getUri());
      assertEquals(store.uriOf(keys.mask(id)), pair.getMask().getUri());
      assertEquals(store.uriOf(keys.annotation(id)), pair.getAnnotation().getUri());

      RgbImage jpeg = RgbImage.decode(store.get(pair.getImage()));
      RgbImage mask = RgbImage.decode(store.get(pair.getMask()));
      assertEquals(MaskFixtures.SIZE, jpeg.width());
      assertEquals(MaskFixtures.SIZE, mask.height());

      JsonNode annotation = JSON.readTree(store.get(pair.getAnnotation()));
      assertEquals("a photo of a cat", annotation.path("prompt").asText());
      assertEquals(1000, annotation.path("seed").asLong());
      assertEquals(
          pair.getRecipe().getRecipeId(), annotation.path("recipe").path("recipeId").asText());
      assertTrue(annotation.path("recipe").path("params").size() > 0, "recipe parameters recorded");
      assertEquals(
          JSON.readTree(pair.getRecipe().getCanonicalJson()).path("params"),
          annotation.path("recipe").path("params"),
          "every parameter of the pair's recipe, as its canonical JSON gives them");
      assertEquals(1234, annotation.path("timings").path("generation").path("denoiseMs").asLong());
      double sum =
          pair.getClassFractions().values().stream().mapToDouble(Double::doubleValue).sum();
      // fractions are count/total in double; summing ≤ a few hundred of them rounds by ≪ 1e-9
      assertEquals(1.0, sum, 1e-9, "class fractions cover every pixel");
      assertTrue(
          pair.getClassFractions().get("cat") > 0.01,
          "the cat covers some pixels: " + pair.getClassFractions());

      assertTrue(store.list(keys.prefix()).containsAll(List.of(keys.labels(), keys.recipe())));
    }
  }

  @Test
  void maskPngHoldsTheLibrarysLabelIds() throws Exception {
    startWithJob(List.of(DIFFUMASK));
    generations.pipeInput(MaskFixtures.imageId(JOB, 0), gen0());
    Pair pair = pairs.readValue();
    byte[] png = store.get(pair.getMask());
    java.awt.image.BufferedImage img =
        javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
    assertTrue(img.getColorModel() instanceof java.awt.image.IndexColorModel, "palette PNG");
    byte[] ids = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
    var result =
        dsgen.masks.MaskMethods.forName("diffumask")
            .compute(
                dsgen.masks.io.AttentionFile.read(attention),
                RgbImage.decode(MaskFixtures.image()),
                DIFFUMASK);
    assertArrayEquals(result.labels(), ids);
  }

  @Test
  void duplicateGenerationRecordsYieldOnePairPerRecipe() {
    startWithJob(List.of(DIFFUMASK, DATASET_DIFFUSION));
    String imageId = MaskFixtures.imageId(JOB, 0);
    generations.pipeInput(imageId, gen0());
    generations.pipeInput(imageId, gen0());
    // a second attempt of the same task (new generationId, own objects) is a duplicate too
    Map<String, ObjectRef> retry =
        MaskFixtures.upload(store, JOB, imageId, "g-2", attention, MaskFixtures.image());
    generations.pipeInput(imageId, gen(0, "g-2", retry.get("image"), retry.get("attention")));

    List<Pair> out = pairs.readValuesToList();
    assertEquals(2, out.size(), "one pair per recipe: " + out);
    assertTrue(out.stream().allMatch(p -> p.getGenerationId().equals("g-1")));
    assertTrue(deadLetters.isEmpty());
  }

  @Test
  void replayRunsItsOwnRecipesOnlyOnSelectedGenerations() {
    RecipeSelection.Replay replay =
        new RecipeSelection.Replay(
            List.of(new RecipeRequest.Spec("diffumask", Map.of("threshold", "0.4"))),
            Optional.of(JOB),
            Optional.empty());
    start(replay);
    generations.pipeInput(MaskFixtures.imageId(JOB, 0), gen0());
    generations.pipeInput(
        "other-000000",
        generation(
            "other", DATASET, 0, "g-9", objects.get("image"), objects.get("attention"), captured));

    List<Pair> out = pairs.readValuesToList();
    assertEquals(1, out.size());
    assertEquals(
        Recipes.resolve("diffumask", Map.of("threshold", "0.4"), 32).recipeId(),
        out.get(0).getRecipe().getRecipeId());
    assertEquals(replay.id(), out.get(0).getReplayId(), "the replay's pair carries its id");
    assertTrue(deadLetters.isEmpty(), "a replay needs no job on dsgen.jobs");
  }

  // --- each failure kind: exactly one dead letter naming it, and the stream goes on ---

  @Test
  void recipeNeedingATensorThatWasNotCapturedIsDeadLettered() {
    startWithJob(List.of(DIFFUMASK));
    List<String> fewer = captured.stream().filter(t -> !t.equals("ca_mean_8")).toList();
    generations.pipeInput(
        MaskFixtures.imageId(JOB, 0),
        generation(JOB, DATASET, 0, "g-1", objects.get("image"), objects.get("attention"), fewer));
    DeadLetter dl = onlyDeadLetter("missing-tensor");
    assertTrue(dl.getReason().contains("ca_mean_8"), dl.getReason());
    assertEquals(DIFFUMASK.recipeId(), dl.getRecipeId());
    streamGoesOn();
  }

  @Test
  void tensorMissingFromTheFileItselfIsDeadLettered() {
    startWithJob(List.of(DIFFUMASK));
    Map<String, ObjectRef> damaged =
        MaskFixtures.upload(
            store,
            JOB,
            MaskFixtures.imageId(JOB, 0),
            "g-1",
            AttentionEdits.without(attention, "ca_mean_16"),
            MaskFixtures.image());
    // an older worker that did not list its tensors: the file is the only evidence
    generations.pipeInput(
        MaskFixtures.imageId(JOB, 0),
        generation(
            JOB, DATASET, 0, "g-1", damaged.get("image"), damaged.get("attention"), List.of()));
    DeadLetter dl = onlyDeadLetter("missing-tensor");
    assertTrue(dl.getReason().contains("ca_mean_16"), dl.getReason());
    streamGoesOn();
  }

  @Test
  void checksumMismatchIsDeadLettered() {
    startWithJob(List.of(DIFFUMASK));
    ObjectRef wrong =
        ObjectRef.newBuilder(objects.get("attention")).setSha256("0".repeat(64)).build();
    generations.pipeInput(MaskFixtures.imageId(JOB, 0), gen(0, "g-1", objects.get("image"), wrong));
    DeadLetter dl = onlyDeadLetter("checksum-mismatch");
    assertTrue(dl.getReason().contains(wrong.getUri()), dl.getReason());
    streamGoesOn();
  }

  @Test
  void nanInTheAttentionIsDeadLettered() {
    startWithJob(List.of(DIFFUMASK));
    Map<String, ObjectRef> nan =
        MaskFixtures.upload(
            store,
            JOB,
            MaskFixtures.imageId(JOB, 0),
            "g-1",
            AttentionEdits.withNaN(attention, "ca_mean_8"),
            MaskFixtures.image());
    generations.pipeInput(
        MaskFixtures.imageId(JOB, 0), gen(0, "g-1", nan.get("image"), nan.get("attention")));
    DeadLetter dl = onlyDeadLetter("nan-in-mask");
    assertTrue(dl.getReason().contains("ca_mean_8"), dl.getReason());
    streamGoesOn();
  }

  @Test
  void undecodableImageIsDeadLettered() {
    startWithJob(List.of(DIFFUMASK));
    ObjectRef notAnImage =
        store.put(
            "generations/job-a/job-a-000000/g-1/broken.png",
            "not a png".getBytes(StandardCharsets.UTF_8),
            "image/png",
            Map.of());
    generations.pipeInput(
        MaskFixtures.imageId(JOB, 0), gen(0, "g-1", notAnImage, objects.get("attention")));
    onlyDeadLetter("undecodable-image");
    streamGoesOn();
  }

  @Test
  void missingObjectIsDeadLettered() {
    startWithJob(List.of(DIFFUMASK));
    ObjectRef gone =
        ObjectRef.newBuilder(objects.get("image"))
            .setUri(store.uriOf("generations/job-a/job-a-000000/g-0/image.png"))
            .build();
    generations.pipeInput(
        MaskFixtures.imageId(JOB, 0), gen(0, "g-1", gone, objects.get("attention")));
    DeadLetter dl = onlyDeadLetter("missing-object");
    assertTrue(dl.getReason().contains(gone.getUri()), dl.getReason());
    streamGoesOn();
  }

  @Test
  void generationOfAnUnknownJobIsDeadLettered() {
    startWithJob(List.of(DIFFUMASK));
    generations.pipeInput(
        "nojob-000000",
        generation(
            "nojob", DATASET, 0, "g-1", objects.get("image"), objects.get("attention"), captured));
    DeadLetter dl = onlyDeadLetter("unknown-job");
    assertEquals("nojob", dl.getJobId());
    assertTrue(dl.getReason().contains("nojob"), dl.getReason());
    streamGoesOn();
  }

  @Test
  void unreadableRecipeIsDeadLettered() {
    start(new RecipeSelection.FromJobs());
    RecipeRef broken =
        RecipeRef.newBuilder()
            .setRecipeId("diffumask-00000000")
            .setMethod("diffumask")
            .setCanonicalJson("{\"method\":\"diffumask\",\"params\":{\"threshold\":0.5}}")
            .build();
    JobSpec job = MaskFixtures.job(JOB, DATASET, List.of(DIFFUMASK));
    job.setRecipes(List.of(broken, DIFFUMASK.toRef()));
    jobs.pipeInput(JOB, job);
    generations.pipeInput(MaskFixtures.imageId(JOB, 0), gen0());
    List<DeadLetter> letters = deadLetters.readValuesToList();
    assertEquals(1, letters.size(), () -> "one dead letter expected: " + letters);
    assertEquals("invalid-recipe", letters.get(0).getErrorClass());
    assertEquals("diffumask-00000000", letters.get(0).getRecipeId());
    assertTrue(letters.get(0).getReason().contains("res"), letters.get(0).getReason());
    assertEquals(
        List.of(DIFFUMASK.recipeId()),
        pairs.readValuesToList().stream().map(p -> p.getRecipe().getRecipeId()).toList(),
        "the job's valid recipe still runs");
  }

  @Test
  void undecodableRecordIsDeadLetteredByTheDeserializationHandler() {
    // TopologyTestDriver under exactly-once drops what a deserialization handler sends (it clears
    // the mock
    // producer's open transaction before committing); the handler does not depend on the guarantee,
    // and
    // MaskStageServiceTest checks the same dead letter on a real broker under exactly_once_v2
    start(new RecipeSelection.FromJobs(), StreamsConfig.AT_LEAST_ONCE);
    jobs.pipeInput(JOB, MaskFixtures.job(JOB, DATASET, List.of(DIFFUMASK)));
    TestInputTopic<String, byte[]> raw =
        driver.createInputTopic(
            GENERATIONS.name(), new StringSerializer(), new ByteArraySerializer());
    byte[] garbage = "definitely not avro".getBytes(StandardCharsets.UTF_8);
    raw.pipeInput("job-a-000042", garbage);
    generations.pipeInput(MaskFixtures.imageId(JOB, 0), gen0());

    List<DeadLetter> letters = deadLetters.readValuesToList();
    assertEquals(1, letters.size(), () -> "one dead letter expected: " + letters);
    DeadLetter dl = letters.get(0);
    assertEquals("undecodable-record", dl.getErrorClass());
    assertEquals(MakePairs.STAGE, dl.getStage());
    assertEquals("job-a-000042", dl.getKey());
    assertEquals(GENERATIONS.name(), dl.getSourceTopic());
    assertEquals(0, dl.getSourceOffset());
    assertTrue(dl.getReason().contains("Avro"), dl.getReason());
    assertArrayEquals(garbage, dl.getPayload().array());
    assertEquals(1, pairs.readValuesToList().size(), "the stream goes on");
  }

  @Test
  void undecodableJobRecordDoesNotStopTheStage() {
    startWithJob(List.of(DIFFUMASK));
    TestInputTopic<String, byte[]> rawJobs =
        driver.createInputTopic(JOBS.name(), new StringSerializer(), new ByteArraySerializer());
    rawJobs.pipeInput("job-broken", "definitely not avro".getBytes(StandardCharsets.UTF_8));
    generations.pipeInput(MaskFixtures.imageId(JOB, 0), gen0());
    assertEquals(1, pairs.readValuesToList().size(), "the stage goes on");
  }

  @Test
  void recordWithoutAValueIsDeadLettered() {
    startWithJob(List.of(DIFFUMASK));
    generations.pipeInput("job-a-000007", (Generation) null);
    DeadLetter dl = onlyDeadLetter("undecodable-record");
    assertEquals("job-a-000007", dl.getKey());
    streamGoesOn();
  }

  enum Bad {
    NULL_VALUE,
    NULL_KEY,
    UNDECODABLE,
    WRONG_TYPE
  }

  static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> poisonPills() {
    List<org.junit.jupiter.params.provider.Arguments> out = new java.util.ArrayList<>();
    for (Bad bad : Bad.values()) {
      for (String topic : List.of(GENERATIONS.name(), JOBS.name())) {
        for (boolean replay : new boolean[] {false, true}) {
          out.add(org.junit.jupiter.params.provider.Arguments.of(bad, topic, replay));
        }
      }
    }
    return out.stream();
  }

  /**
   * Poison-pill matrix of the mask stage and of the replay (same topology, other selection): on
   * dsgen.generations a record without a value, undecodable or of another type is one {@code
   * undecodable-record} dead letter (the generation it stood for gets no pair, so it must be
   * visible); a valid generation under a null key is simply processed (the image id is in the
   * value). On dsgen.jobs (a compacted table) a null value is a deletion and an unreadable record
   * is skipped with a log line (the producer owns that topic and reports it; the global thread
   * cannot publish). In every case the next valid generation gets its pair.
   */
  @org.junit.jupiter.params.ParameterizedTest(name = "{0} on {1}, replay={2}")
  @org.junit.jupiter.params.provider.MethodSource("poisonPills")
  void badRecordOnEveryTopicLeavesTheStageRunning(Bad bad, String topic, boolean replay) {
    // at-least-once: see undecodableRecordIsDeadLetteredByTheDeserializationHandler
    start(
        replay
            ? new RecipeSelection.Replay(
                List.of(new RecipeRequest.Spec("diffumask", Map.of())),
                Optional.empty(),
                Optional.empty())
            : new RecipeSelection.FromJobs(),
        StreamsConfig.AT_LEAST_ONCE);
    jobs.pipeInput(JOB, MaskFixtures.job(JOB, DATASET, List.of(DIFFUMASK)));
    TestInputTopic<byte[], byte[]> raw =
        driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer());
    boolean onGenerations = topic.equals(GENERATIONS.name());
    String key = onGenerations ? "job-a-000042" : "job-other";
    byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
    byte[] valid =
        onGenerations
            ? GENERATIONS.valueSerializer().serialize(topic, gen0())
            : JOBS.valueSerializer()
                .serialize(topic, MaskFixtures.job("job-other", DATASET, List.of(DIFFUMASK)));
    byte[] otherType =
        onGenerations
            ? JOBS.valueSerializer().serialize(topic, MaskFixtures.job(JOB, DATASET, List.of()))
            : GENERATIONS.valueSerializer().serialize(topic, gen0());
    switch (bad) {
      case NULL_VALUE -> raw.pipeInput(keyBytes, (byte[]) null);
      case NULL_KEY -> raw.pipeInput((byte[]) null, valid);
      case UNDECODABLE -> raw.pipeInput(keyBytes, "not avro".getBytes(StandardCharsets.UTF_8));
      case WRONG_TYPE -> raw.pipeInput(keyBytes, otherType);
    }
    List<DeadLetter> letters = deadLetters.readValuesToList();
    boolean lettered = onGenerations && bad != Bad.NULL_KEY;
    assertEquals(lettered ? 1 : 0, letters.size(), () -> "dead letters: " + letters);
    if (lettered) {
      assertEquals("undecodable-record", letters.get(0).getErrorClass());
    }
    if (lettered && replay && bad == Bad.NULL_VALUE) {
      assertTrue(
          letters.get(0).getReplayId().startsWith(RecipeSelection.Replay.ID_PREFIX),
          "a replay's dead letter carries the replay's id, so it never counts against the job");
    }
    // a valid generation under a null key is processed like any other: that is its pair
    int pairsOfTheBadRecord = onGenerations && bad == Bad.NULL_KEY ? 1 : 0;
    assertEquals(pairsOfTheBadRecord, pairs.readValuesToList().size());
    generations.pipeInput(MaskFixtures.imageId(JOB, 0), gen0());
    assertEquals(
        1 - pairsOfTheBadRecord,
        pairs.readValuesToList().size(),
        "the next valid generation gets its pair (once: the null-key one already made it)");
    streamGoesOn();
  }

  private DeadLetter onlyDeadLetter(String code) {
    List<DeadLetter> letters = deadLetters.readValuesToList();
    assertEquals(1, letters.size(), () -> "one dead letter expected: " + letters);
    DeadLetter dl = letters.get(0);
    assertEquals(code, dl.getErrorClass(), dl::toString);
    assertEquals(MakePairs.STAGE, dl.getStage());
    assertEquals(GENERATIONS.name(), dl.getSourceTopic());
    assertNotNull(dl.getReason());
    assertTrue(pairs.isEmpty(), "no pair for a failed record");
    return dl;
  }

  /** After a dead letter the next good generation still gets its pair. */
  private void streamGoesOn() {
    Map<String, ObjectRef> good =
        MaskFixtures.upload(
            store, JOB, MaskFixtures.imageId(JOB, 1), "g-5", attention, MaskFixtures.image());
    generations.pipeInput(
        MaskFixtures.imageId(JOB, 1), gen(1, "g-5", good.get("image"), good.get("attention")));
    List<Pair> out = pairs.readValuesToList();
    assertEquals(
        1,
        out.size(),
        () ->
            "the stream goes on: "
                + out
                + " dead letters: "
                + deadLetters.readValuesToList().stream()
                    .map(DeadLetter::getReason)
                    .collect(Collectors.joining("; ")));
  }
}
