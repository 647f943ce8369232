package dsgen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dsgen.kafka.Topics;
import dsgen.localstack.LocalStack;
import dsgen.localstack.LocalStackExtension;
import dsgen.producer.StageDouble;
import dsgen.records.Pair;
import dsgen.store.ObjectStore;
import dsgen.store.StoreConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole system: the three packaged services as processes on a local stack, the tiny model, one
 * job of 2 classes x 3 images with two recipes, every Kafka client on the broker's SASL/PLAIN
 * listener. Checks the job's counts, the pairs on dsgen.pairs and every dataset object; then one
 * single-image job per sampler, whose pair annotation records the sampler that ran (the first job
 * names none and gets the tiny model's own DDIM). Meanwhile it drives the producer's pages in
 * headless Chromium: the jobs page while the first job runs, the gallery on its real pairs, then on
 * 2,000 pairs (copies of them) for the timings. Finally no log may hold a secret (S3 secret key,
 * SASL password, API token).
 */
@ExtendWith(LocalStackExtension.class)
@Timeout(900)
class PipelineIT {
  private static final Duration READY = Duration.ofMinutes(4);
  private static final Duration JOB = Duration.ofMinutes(8);
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /** Random, so finding it in a log can only mean it was logged. */
  private static final String TOKEN = "e2e-" + java.util.UUID.randomUUID();

  @Test
  void twoClassesThreeImagesTwoRecipes(LocalStack stack, @TempDir Path state) throws Exception {
    Path repo = Path.of(System.getProperty("dsgen.fixtures")).getParent();
    Path logs = repo.resolve("producer/target/e2e-logs");
    Map<String, String> shared = new HashMap<>(stack.serviceProperties());
    // Every Kafka client of the three services (Streams included) through the broker's SASL/PLAIN
    // listener: a client that missed the kafka.* security settings could not connect.
    shared.putAll(stack.saslServiceProperties());
    Map<String, String> producerSettings = new HashMap<>(shared);
    producerSettings.put("dsgen.producer.auth-token", TOKEN);
    producerSettings.put("dsgen.producer.tracker.state-dir", state.resolve("producer").toString());
    Map<String, String> workerSettings = new HashMap<>(shared);
    workerSettings.put("dsgen.model.dir", repo.resolve("fixtures/tiny-sd2").toString());
    Map<String, String> maskSettings = new HashMap<>(shared);
    maskSettings.put("dsgen.mask-stage.state-dir", state.resolve("mask-stage").toString());

    Path gallery = repo.resolve("producer/target/gallery");
    try (ServiceProcess producer =
            ServiceProcess.start("producer", jar(repo, "producer"), logs, producerSettings);
        ServiceProcess worker =
            ServiceProcess.start("gpu-worker", jar(repo, "gpu-worker"), logs, workerSettings);
        ServiceProcess masks =
            ServiceProcess.start("mask-stage", jar(repo, "mask-stage"), logs, maskSettings);
        GalleryBrowser browser = new GalleryBrowser(gallery, state.resolve("chromium"))) {
      producer.awaitReady(READY);
      worker.awaitReady(READY);
      masks.awaitReady(READY);

      JsonNode submitted =
          call(
              producer,
              "POST",
              "/jobs",
              """
                    {"jobId": "e2e-1", "dataset": "e2e", "seed": 1111, "size": 256, "steps": 4,
                     "classes": [{"name": "cat"}, {"name": "dog"}], "imagesPerClass": 3,
                     "recipes": [{"method": "diffumask"}, {"method": "dataset-diffusion"}]}""");
      List<String> recipeIds = new ArrayList<>();
      submitted.path("recipes").forEach(r -> recipeIds.add(r.path("recipeId").asText()));
      GalleryPages pages = new GalleryPages(browser, producer.base(), TOKEN);
      pages.badTokenShowsTheAuthPrompt();
      pages.jobReachesHundredPercent("e2e-1", JOB);

      JsonNode job = awaitFinished(producer, "e2e-1");
      assertEquals("COMPLETED", job.path("state").asText(), job.toString());
      JsonNode counts = job.path("counts");
      assertEquals(6, counts.path("submitted").asInt(), job.toString());
      assertEquals(6, counts.path("generated").asInt(), job.toString());
      assertEquals(0, counts.path("deadLettered").asInt(), job.toString());
      for (String recipeId : recipeIds) {
        assertEquals(6, counts.path("paired").path(recipeId).asInt(), job.toString());
      }

      List<Pair> pairs = pairsOf(stack, "e2e-1");
      Set<String> distinct = new HashSet<>();
      pairs.forEach(p -> distinct.add(p.getImageId() + "/" + p.getRecipe().getRecipeId()));
      assertEquals(12, distinct.size(), "one pair per image and recipe");

      try (ObjectStore store =
          ObjectStore.open(StoreConfig.fromProperties(stack.serviceProperties()))) {
        for (Pair p : pairs) {
          String prefix = "datasets/e2e/" + p.getRecipe().getRecipeId() + "/";
          assertEquals(
              URI.create(p.getImage().getUri()).getPath(),
              "/" + prefix + "JPEGImages/" + p.getImageId() + ".jpg");
          assertTrue(store.get(p.getImage()).length > 0, "image verified by size and sha256");
          assertTrue(store.get(p.getMask()).length > 0, "mask verified by size and sha256");
          assertTrue(
              store.get(p.getAnnotation()).length > 0, "annotation verified by size and sha256");
        }
        for (String recipeId : recipeIds) {
          List<String> keys = store.list("datasets/e2e/" + recipeId + "/");
          assertEquals(
              6, keys.stream().filter(k -> k.contains("/JPEGImages/")).count(), keys.toString());
          assertEquals(
              6,
              keys.stream().filter(k -> k.contains("/SegmentationClass/")).count(),
              keys.toString());
          assertEquals(
              6, keys.stream().filter(k -> k.contains("/annotations/")).count(), keys.toString());
          assertTrue(keys.stream().anyMatch(k -> k.endsWith("/labels.json")), keys.toString());
          assertTrue(keys.stream().anyMatch(k -> k.endsWith("/recipe.json")), keys.toString());
        }
        assertEquals("ddim", annotation(store, pairs.get(0)).path("sampler").asText());

        Map<String, String> samplers =
            Map.of(
                "e2e-ddim", "ddim",
                "e2e-pndm", "pndm",
                "e2e-dpm", "dpmsolver++",
                "e2e-euler", "euler");
        for (Map.Entry<String, String> e : samplers.entrySet()) {
          call(
              producer,
              "POST",
              "/jobs",
              """
                    {"jobId": "%s", "dataset": "e2e-samplers", "seed": 7, "size": 128, "steps": 3,
                     "sampler": "%s", "classes": [{"name": "cat"}], "imagesPerClass": 1,
                     "recipes": [{"method": "diffumask"}]}"""
                  .formatted(e.getKey(), e.getValue()));
        }
        // the pages on the real pairs while the sampler jobs generate
        pages.datasetShowsOneTilePerImageWithAnOverlayPerRecipe("e2e", 6, recipeIds.size());
        pages.classFilterNarrowsTheGrid("e2e", "cat", 3);
        pages.fullSizeViewOpens("cat");
        try (StageDouble stages = new StageDouble(stack.bootstrapServers())) {
          int published = GalleryPages.publishCopies(stages, pairs, "e2e-2k", 1000);
          awaitDatasetImages(producer, "e2e-2k", published / recipeIds.size());
          pages.measureLargeDataset("e2e-2k", published, gallery.resolve("timings.txt"));
          pages.newPairAppearsWithoutReload(stages, pairs.get(0), "e2e-2k", "e2e-2k-live01");
        }
        for (Map.Entry<String, String> e : samplers.entrySet()) {
          JsonNode done = awaitFinished(producer, e.getKey());
          assertEquals("COMPLETED", done.path("state").asText(), done.toString());
          assertEquals(0, done.path("counts").path("deadLettered").asInt(), done.toString());
          List<Pair> one = pairsOf(stack, e.getKey());
          assertEquals(1, one.size(), e.getKey());
          assertEquals(
              e.getValue(), annotation(store, one.get(0)).path("sampler").asText(), e.getKey());
        }
      }
      assertNoSecretIn(
          List.of(producer, worker, masks),
          Map.of(
              "S3 secret key",
              stack.secretKey(),
              "SASL password",
              stack.saslPassword(),
              "API token",
              TOKEN));
    }
  }

  /** The services' whole logs of the run, start-up included, never carry a secret value. */
  private static void assertNoSecretIn(List<ServiceProcess> services, Map<String, String> secrets)
      throws java.io.IOException {
    for (ServiceProcess service : services) {
      String log = java.nio.file.Files.readString(service.log(), StandardCharsets.UTF_8);
      assertTrue(log.length() > 0, service.name() + " wrote a log");
      secrets.forEach(
          (what, value) ->
              assertTrue(!log.contains(value), what + " appears in the log of " + service.name()));
    }
  }

  private static JsonNode annotation(ObjectStore store, Pair p) throws Exception {
    return JSON.readTree(store.get(p.getAnnotation()));
  }

  private static void awaitDatasetImages(ServiceProcess producer, String dataset, int images)
      throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
    String last = "";
    while (Instant.now().isBefore(deadline)) {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(producer.base().resolve("/datasets/" + dataset))
                      .header("Authorization", "Bearer " + TOKEN)
                      .timeout(Duration.ofSeconds(30))
                      .build(),
                  HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      last = response.statusCode() + " " + response.body();
      if (response.statusCode() == 200
          && JSON.readTree(response.body()).path("dataset").path("images").asInt() == images) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError(
        "the gallery did not index " + images + " images of " + dataset + "; last " + last);
  }

  private static Path jar(Path repo, String module) {
    return repo.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
  }

  private static JsonNode awaitFinished(ServiceProcess producer, String jobId) throws Exception {
    Instant deadline = Instant.now().plus(JOB);
    JsonNode job = null;
    while (Instant.now().isBefore(deadline)) {
      job = call(producer, "GET", "/jobs/" + jobId, null);
      if (job.path("finished").asBoolean()) {
        return job;
      }
      Thread.sleep(1000);
    }
    throw new AssertionError(
        "job " + jobId + " did not finish within " + JOB + "; last status " + job);
  }

  private static JsonNode call(ServiceProcess service, String method, String path, String body)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(service.base().resolve(path))
            .header("Authorization", "Bearer " + TOKEN)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .timeout(Duration.ofSeconds(30))
            .build();
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertTrue(
        response.statusCode() / 100 == 2,
        method + " " + path + " -> " + response.statusCode() + " " + response.body());
    return JSON.readTree(response.body());
  }

  /** Every committed pair of the job on dsgen.pairs. */
  private static List<Pair> pairsOf(LocalStack stack, String jobId) {
    Map<String, Object> props =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            stack.bootstrapServers(),
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed");
    List<Pair> out = new ArrayList<>();
    try (var consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(Topics.PAIRS.name()).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        for (var rec : consumer.poll(Duration.ofMillis(200))) {
          Pair p = Topics.PAIRS.decodeValue(rec);
          if (p.getJobId().equals(jobId)) {
            out.add(p);
          }
        }
      }
    }
    return out;
  }
}
