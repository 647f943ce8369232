package dsgen.maskstage.service;

import static dsgen.kafka.Topics.DEAD_LETTERS;
import static dsgen.kafka.Topics.GENERATIONS;
import static dsgen.kafka.Topics.JOBS;
import static dsgen.kafka.Topics.PAIRS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dsgen.localstack.LocalStack;
import dsgen.localstack.LocalStackExtension;
import dsgen.masks.io.LabelPng;
import dsgen.maskstage.cli.EvalCommand;
import dsgen.maskstage.cli.ExportCommand;
import dsgen.maskstage.cli.ReplayCommand;
import dsgen.maskstage.dataset.DatasetKeys;
import dsgen.maskstage.export.IndependentRleDecoder;
import dsgen.maskstage.testing.MaskFixtures;
import dsgen.maskstage.testing.ServiceProcess;
import dsgen.maskstage.testing.StackClients;
import dsgen.recipe.Recipe;
import dsgen.recipe.Recipes;
import dsgen.records.DeadLetter;
import dsgen.records.Generation;
import dsgen.records.ObjectRef;
import dsgen.records.Pair;
import dsgen.store.ObjectStore;
import dsgen.store.StoreConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged mask-stage service against the local stack (a real Kafka broker and a real S3 API
 * server): N generations of a job with two recipes, one published twice and one undecodable record
 * after them, become exactly N pairs per recipe with every object in the bucket and one dead
 * letter; health and metrics say so; a replay with a third recipe writes a third dataset folder
 * without any new generation; the export writes a VOC folder and a COCO folder whose RLEs decode to
 * the dataset's masks; eval --compare scores two recipes against each other.
 */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MaskStageServiceIT {

  private static final int N = 5;
  private static final String JOB = "svc-job";
  private static final String DATASET = "svc-cats";
  private static final String UNDECODABLE_KEY = "svc-job-000099";
  private static final Recipe DIFFUMASK = Recipes.resolve("diffumask", Map.of(), 32);
  private static final Recipe DATASET_DIFFUSION =
      Recipes.resolve("dataset-diffusion", Map.of(), 32);
  private static final Recipe REPLAYED =
      Recipes.resolve("diffumask", Map.of("threshold", "0.4"), 32);

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path temp;

  private LocalStack stack;
  private ObjectStore store;
  private ServiceProcess service;

  @BeforeAll
  @Timeout(180)
  void startService(LocalStack stack) throws Exception {
    this.stack = stack;
    this.store = ObjectStore.open(StoreConfig.fromProperties(stack.serviceProperties()));
    this.service =
        ServiceProcess.start(stack, temp.resolve("state"), temp.resolve("service.log"), Map.of());
  }

  @AfterAll
  void stopService() throws Exception {
    if (service != null) {
      service.close();
    }
    if (store != null) {
      store.close();
    }
  }

  @Test
  @Order(1)
  @Timeout(180)
  void nGenerationsWithADuplicateBecomeExactlyNPairsPerRecipe() throws Exception {
    byte[] attention = MaskFixtures.attention();
    Map<String, ObjectRef> objects =
        MaskFixtures.upload(store, JOB, "shared", "g-0", attention, MaskFixtures.image());
    List<String> captured = MaskFixtures.tensorNames(attention);
    try (KafkaProducer<byte[], byte[]> producer = StackClients.producer(stack.bootstrapServers())) {
      // read by the global thread, which cannot publish dead letters: skipped, and the stage goes
      // on
      producer
          .send(
              new ProducerRecord<>(
                  JOBS.name(),
                  "broken-job".getBytes(StandardCharsets.UTF_8),
                  "not avro".getBytes(StandardCharsets.UTF_8)))
          .get();
      StackClients.send(
          producer,
          JOBS,
          JOB,
          MaskFixtures.job(JOB, DATASET, List.of(DIFFUMASK, DATASET_DIFFUSION)));
      for (int i = 0; i < N; i++) {
        Generation g =
            MaskFixtures.generation(
                JOB,
                DATASET,
                i,
                "g-" + i,
                objects.get("image"),
                objects.get("attention"),
                captured);
        StackClients.send(producer, GENERATIONS, g.getImageId(), g);
      }
      Generation again =
          MaskFixtures.generation(
              JOB, DATASET, 0, "g-0", objects.get("image"), objects.get("attention"), captured);
      StackClients.send(producer, GENERATIONS, again.getImageId(), again);
      // last in its partition on purpose: the replay below must still count it as consumed
      producer
          .send(
              new ProducerRecord<>(
                  GENERATIONS.name(),
                  UNDECODABLE_KEY.getBytes(StandardCharsets.UTF_8),
                  "not avro".getBytes(StandardCharsets.UTF_8)))
          .get();
    }

    StackClients.awaitCommitted(
        stack.bootstrapServers(), PAIRS, list -> list.size() >= 2 * N, Duration.ofSeconds(150));
    List<DeadLetter> letters =
        StackClients.awaitCommitted(
            stack.bootstrapServers(),
            DEAD_LETTERS,
            list -> !list.isEmpty(),
            Duration.ofSeconds(30));
    Thread.sleep(
        2000); // the duplicate was published late: give a second pair time to show up if it would
    List<Pair> pairs = StackClients.readCommitted(stack.bootstrapServers(), PAIRS);
    assertEquals(2 * N, pairs.size(), "exactly one pair per image and recipe");
    Map<String, Set<String>> imagesByRecipe =
        pairs.stream()
            .collect(
                Collectors.groupingBy(
                    p -> p.getRecipe().getRecipeId(),
                    Collectors.mapping(Pair::getImageId, Collectors.toSet())));
    assertEquals(
        Set.of(DIFFUMASK.recipeId(), DATASET_DIFFUSION.recipeId()), imagesByRecipe.keySet());
    imagesByRecipe.values().forEach(images -> assertEquals(N, images.size()));

    assertEquals(1, letters.size(), () -> "one dead letter: " + letters);
    assertEquals("undecodable-record", letters.get(0).getErrorClass());
    assertEquals(UNDECODABLE_KEY, letters.get(0).getKey());

    for (Pair pair : pairs) {
      for (ObjectRef ref : List.of(pair.getImage(), pair.getMask(), pair.getAnnotation())) {
        assertEquals(
            ref.getSizeBytes(), store.get(ref).length, ref.getUri()); // get verifies the sha256
      }
    }
    for (Recipe recipe : List.of(DIFFUMASK, DATASET_DIFFUSION)) {
      DatasetKeys keys = new DatasetKeys(DATASET, recipe.recipeId());
      List<String> listed = store.list(keys.prefix());
      assertEquals(
          3 * N + 2,
          listed.size(),
          () -> "image, mask, annotation per pair + labels.json, recipe.json: " + listed);
    }
  }

  @Test
  @Order(2)
  void healthAndMetricsReportTheWork() throws Exception {
    assertEquals(200, service.get("/q/health/ready").statusCode());
    assertEquals(200, service.get("/q/health/live").statusCode());
    HttpResponse<String> metrics = service.get("/q/metrics");
    assertEquals(200, metrics.statusCode());
    String body = metrics.body();
    for (String expected :
        List.of(
            "dsgen_mask_pairs_total{recipe=\"" + DIFFUMASK.recipeId() + "\"} " + N + ".0",
            "dsgen_mask_duplicates_total{recipe=\"" + DIFFUMASK.recipeId() + "\"} 1.0",
            "dsgen_mask_dead_letters_total{reason=\"undecodable-record\"} 1.0",
            "dsgen_mask_compute_seconds_count{recipe=\""
                + DATASET_DIFFUSION.recipeId()
                + "\"} "
                + N
                + ".0")) {
      assertTrue(
          body.contains(expected), () -> expected + " not in /q/metrics:\n" + dsgenLines(body));
    }
  }

  @Test
  @Order(3)
  @Timeout(180)
  void replayWithANewRecipeWritesANewDatasetFolderAndGeneratesNothing() throws Exception {
    long generationsBefore = StackClients.recordCount(stack.bootstrapServers(), GENERATIONS);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        ReplayCommand.run(
            new String[] {
              "--recipe",
              "diffumask",
              "--param",
              "threshold=0.4",
              "--job",
              JOB,
              "--state-dir",
              temp.resolve("replay").toString(),
              "--timeout",
              "150s"
            },
            connectionEnv(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            System.err);
    String printed = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, printed);
    assertTrue(printed.contains("datasets/" + DATASET + "/" + REPLAYED.recipeId() + "/"), printed);

    DatasetKeys keys = new DatasetKeys(DATASET, REPLAYED.recipeId());
    assertEquals(N, store.list(keys.prefix() + DatasetKeys.MASKS + "/").size());
    assertEquals(N, store.list(keys.prefix() + DatasetKeys.IMAGES + "/").size());
    assertEquals(
        generationsBefore,
        StackClients.recordCount(stack.bootstrapServers(), GENERATIONS),
        "a replay generates nothing");
    long replayedPairs =
        StackClients.readCommitted(stack.bootstrapServers(), PAIRS).stream()
            .filter(p -> p.getRecipe().getRecipeId().equals(REPLAYED.recipeId()))
            .count();
    assertEquals(N, replayedPairs);
  }

  @Test
  @Order(4)
  @Timeout(120)
  void exportWritesAVocFolder() throws Exception {
    Path dir = temp.resolve("voc");
    export(DIFFUMASK, dir);
    List<String> ids = Files.readAllLines(dir.resolve("ImageSets/Segmentation/train.txt"));
    assertEquals(N, ids.size());
    for (String id : ids) {
      assertTrue(Files.size(dir.resolve("JPEGImages/" + id + ".jpg")) > 0);
      assertTrue(Files.size(dir.resolve("SegmentationClass/" + id + ".png")) > 0);
      assertTrue(Files.size(dir.resolve("annotations/" + id + ".json")) > 0);
    }
    String labels = Files.readString(dir.resolve("labels.json"));
    assertTrue(labels.contains("\"8\" : \"cat\""), labels);
    assertEquals(DIFFUMASK.canonicalJson(), Files.readString(dir.resolve("recipe.json")));
  }

  @Test
  @Order(5)
  @Timeout(120)
  void exportWritesACocoFolderWhoseRlesAreTheMasks() throws Exception {
    Path dir = temp.resolve("coco");
    export(DIFFUMASK, dir, "--format", "coco", "--val-fraction", "0.5");
    Map<String, Pair> pairs =
        StackClients.readCommitted(stack.bootstrapServers(), PAIRS).stream()
            .filter(p -> p.getRecipe().getRecipeId().equals(DIFFUMASK.recipeId()))
            .collect(Collectors.toMap(Pair::getImageId, p -> p));
    int images = 0;
    for (String split : List.of("train", "val")) {
      JsonNode doc =
          JSON.readTree(dir.resolve("annotations/instances_" + split + ".json").toFile());
      assertEquals("cat", doc.at("/categories/0/name").asText());
      assertEquals(8, doc.at("/categories/0/id").asInt());
      Map<Long, String> files = new HashMap<>();
      for (JsonNode image : doc.path("images")) {
        files.put(image.path("id").asLong(), image.path("file_name").asText());
        assertTrue(Files.size(dir.resolve("images").resolve(image.path("file_name").asText())) > 0);
        images++;
      }
      for (JsonNode a : doc.path("annotations")) {
        String imageId = files.get(a.path("image_id").asLong()).replace(".jpg", "");
        int[] size = new int[2];
        int[] labels = LabelPng.decode(store.get(pairs.get(imageId).getMask()), size);
        boolean[] mask =
            IndependentRleDecoder.decode(a.at("/segmentation/counts").asText(), size[1], size[0]);
        for (int p = 0; p < labels.length; p++) {
          assertEquals(
              labels[p] == a.path("category_id").asInt(), mask[p], imageId + " pixel " + p);
        }
      }
    }
    assertEquals(N, images);
  }

  @Test
  @Order(6)
  @Timeout(120)
  void evalCompareScoresOneRecipeAgainstAnotherWhicheverIsTheReference() throws Exception {
    JsonNode ab = compare(DIFFUMASK, REPLAYED, temp.resolve("compare-ab"));
    JsonNode ba = compare(REPLAYED, DIFFUMASK, temp.resolve("compare-ba"));
    assertEquals(N, ab.path("images").asInt());
    assertEquals(DIFFUMASK.recipeId(), ab.path("reference").asText());
    // independently: count the pixels of one image pair directly (all N images share one mask)
    Pair a = pairOf(DIFFUMASK);
    Pair b = pairOf(REPLAYED);
    int[] size = new int[2];
    int[] la = LabelPng.decode(store.get(a.getMask()), size);
    int[] lb = LabelPng.decode(store.get(b.getMask()), size);
    for (int label : new int[] {0, 8}) {
      long inter = 0;
      long union = 0;
      for (int p = 0; p < la.length; p++) {
        if (la[p] == 255 || lb[p] == 255) {
          continue;
        }
        inter += la[p] == label && lb[p] == label ? 1 : 0;
        union += la[p] == label || lb[p] == label ? 1 : 0;
      }
      JsonNode cls = classOf(ab, label);
      // one division of exact integer counts, printed and parsed as JSON: a few ulps at most
      assertEquals((double) inter / union, cls.path("iou").asDouble(), 1e-12, "label " + label);
      assertEquals(cls.path("iou").asDouble(), classOf(ba, label).path("iou").asDouble(), 1e-12);
    }
    assertTrue(Files.size(temp.resolve("compare-ab/per_class_iou.png")) > 0);
  }

  /** Runs ./dsgen export of one recipe's dataset folder into {@code dir}; asserts it succeeds. */
  private void export(Recipe recipe, Path dir, String... options) throws Exception {
    List<String> argv =
        new java.util.ArrayList<>(
            List.of("--dataset", DATASET, "--recipe", recipe.recipeId(), "--out", dir.toString()));
    argv.addAll(List.of(options));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        ExportCommand.run(
            argv.toArray(String[]::new),
            connectionEnv(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            System.err);
    assertEquals(0, code, out.toString(StandardCharsets.UTF_8));
  }

  private JsonNode compare(Recipe reference, Recipe other, Path outDir) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        EvalCommand.run(
            new String[] {
              "--compare",
              reference.recipeId(),
              other.recipeId(),
              "--dataset",
              DATASET,
              "--out",
              outDir.toString()
            },
            connectionEnv(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            System.err);
    assertEquals(0, code, out.toString(StandardCharsets.UTF_8));
    return JSON.readTree(outDir.resolve("metrics.json").toFile());
  }

  private Pair pairOf(Recipe recipe) {
    return StackClients.readCommitted(stack.bootstrapServers(), PAIRS).stream()
        .filter(p -> p.getRecipe().getRecipeId().equals(recipe.recipeId()))
        .findFirst()
        .orElseThrow();
  }

  private static JsonNode classOf(JsonNode metrics, int label) {
    for (JsonNode c : metrics.path("classes")) {
      if (c.path("label").asInt() == label) {
        return c;
      }
    }
    throw new AssertionError("no class " + label + " in " + metrics);
  }

  /** The environment the commands read their connection from, as a user's shell would hold it. */
  private Map<String, String> connectionEnv() {
    return Map.of(
        "KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers(),
        "DSGEN_STORE_URI", "s3://" + stack.bucket(),
        "DSGEN_STORE_S3_ENDPOINT", stack.s3Endpoint().toString(),
        "DSGEN_S3_ACCESS_KEY", stack.accessKey(),
        "DSGEN_S3_SECRET_KEY", stack.secretKey());
  }

  private static String dsgenLines(String metrics) {
    return metrics.lines().filter(l -> l.startsWith("dsgen_")).collect(Collectors.joining("\n"));
  }
}
