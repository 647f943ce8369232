package dsgen.producer.gallery;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dsgen.dataset.VocPalette;
import dsgen.kafka.Topics;
import dsgen.localstack.LocalStack;
import dsgen.localstack.LocalStackTestResource;
import dsgen.producer.Eventually;
import dsgen.producer.StageDouble;
import dsgen.producer.TestRecords;
import dsgen.producer.api.Api;
import dsgen.records.MaskTimings;
import dsgen.records.ObjectRef;
import dsgen.records.Pair;
import dsgen.records.RecipeRef;
import dsgen.store.ObjectStore;
import dsgen.store.StoreConfig;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The gallery API on the local stack: pairs published to dsgen.pairs, their objects in the real S3
 * API server, read back through the producer (checked, cached, rendered), with the reasons a page
 * shows for missing and corrupt objects.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
@Timeout(180)
class GalleryApiTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String DATASET = "gallery-api";

  LocalStack stack;

  @Test
  void servesPagesObjectsOverlaysAndReasons() throws Exception {
    JsonPath job =
        Api.submit(
                "{'jobId':'gal-1','dataset':'gallery-api','classes':[{'name':'cat'},{'name':'dog','label':12}],"
                    + "'imagesPerClass':1,'recipes':[{'method':'diffumask'}]}")
            .statusCode(201)
            .extract()
            .jsonPath();
    RecipeRef recipe =
        RecipeRef.newBuilder()
            .setRecipeId(job.getString("recipes[0].recipeId"))
            .setMethod("diffumask")
            .setCanonicalJson("{\"method\":\"diffumask\",\"params\":{}}")
            .build();
    // labels of a 4x2 mask: background, cat (1), dog (12), ignore (255)
    byte[] labels = {0, 1, 12, (byte) 255, 0, 0, 1, 12};
    byte[] mask = palettePng(labels, 4, 2);
    byte[] jpeg = "not really a jpeg, served as stored".getBytes(StandardCharsets.UTF_8);
    byte[] annotation =
        "{\"prompt\":\"a photo of a cat\",\"seed\":7}".getBytes(StandardCharsets.UTF_8);
    String prefix = "datasets/" + DATASET + "/" + recipe.getRecipeId() + "/";
    ObjectRef imageRef;
    ObjectRef maskRef;
    ObjectRef annotationRef;
    try (ObjectStore store =
        ObjectStore.open(StoreConfig.fromProperties(stack.serviceProperties()))) {
      imageRef = store.put(prefix + "JPEGImages/gal-1-000000.jpg", jpeg, "image/jpeg", Map.of());
      maskRef =
          store.put(prefix + "SegmentationClass/gal-1-000000.png", mask, "image/png", Map.of());
      annotationRef =
          store.put(
              prefix + "annotations/gal-1-000000.json", annotation, "application/json", Map.of());
    }
    ObjectRef wrongDigest = ObjectRef.newBuilder(maskRef).setSha256("f".repeat(64)).build();
    ObjectRef absent =
        ObjectRef.newBuilder(imageRef)
            .setUri(imageRef.getUri().replace(".jpg", "-gone.jpg"))
            .build();

    try (StageDouble stages = new StageDouble(stack.bootstrapServers())) {
      stages.publish(
          Topics.PAIRS,
          "gal-1-000000",
          pair("gal-1-000000", recipe, imageRef, maskRef, annotationRef, 0.25));
      stages.publish(
          Topics.PAIRS,
          "gal-1-000001",
          pair("gal-1-000001", recipe, absent, wrongDigest, annotationRef, 0.0));
      JsonPath page =
          await(
              "/datasets/" + DATASET + "/pairs?limit=10",
              p -> p.getList("items") != null && p.getList("items").size() == 2,
              "both pairs in the gallery");
      assertEquals(
          List.of("gal-1-000001", "gal-1-000000"), page.getList("items.imageId"), "newest first");
      assertEquals("#800000", legendColour(page, "cat"), "VOC colour of label 1");
      assertEquals("#400080", legendColour(page, "dog"), "VOC colour of label 12");

      byte[] served =
          image("gal-1-000000", "/image")
              .statusCode(200)
              .header("ETag", "\"" + imageRef.getSha256() + "\"")
              .extract()
              .asByteArray();
      assertArrayEquals(jpeg, served);

      byte[] overlayPng =
          image("gal-1-000000", "/overlay/" + recipe.getRecipeId())
              .statusCode(200)
              .contentType("image/png")
              .extract()
              .asByteArray();
      BufferedImage overlay = ImageIO.read(new ByteArrayInputStream(overlayPng));
      assertEquals(0, overlay.getRGB(0, 0) >>> 24, "background is transparent");
      // PASCAL VOC colours of labels 1, 12 and 255 as the VOC devkit lists them
      assertEquals(0xFF800000, overlay.getRGB(1, 0));
      assertEquals(0xFF400080, overlay.getRGB(2, 0));
      assertEquals(0xFFE0E0C0, overlay.getRGB(3, 0));
      assertEquals(0xFF400080, overlay.getRGB(3, 1));

      assertEquals(
          "a photo of a cat",
          image("gal-1-000000", "/annotation/" + recipe.getRecipeId())
              .statusCode(200)
              .extract()
              .jsonPath()
              .getString("prompt"));

      String missing = error(image("gal-1-000001", "/image"), 404);
      assertTrue(missing.startsWith("missing object: "), missing);
      String corrupt = error(image("gal-1-000001", "/overlay/" + recipe.getRecipeId()), 502);
      assertTrue(corrupt.startsWith("corrupt object: ") && corrupt.contains("sha256"), corrupt);
      image("gal-1-000009", "/image").statusCode(404);

      given().get("/datasets/" + DATASET + "/pairs").then().statusCode(401);
      given()
          .header("Authorization", "Bearer wrong")
          .get("/datasets/" + DATASET + "/images/gal-1-000000/image")
          .then()
          .statusCode(401);

      long latest = page.getLong("latestSeq");
      assertEquals(
          0,
          authed()
              .get("/datasets/" + DATASET + "/changes?after=" + latest)
              .then()
              .extract()
              .jsonPath()
              .getList("items")
              .size());
      stages.publish(
          Topics.PAIRS,
          "gal-1-000000",
          pair("gal-1-000000", recipe, imageRef, maskRef, annotationRef, 0.5));
      JsonPath changes =
          await(
              "/datasets/" + DATASET + "/changes?after=" + latest,
              c -> c.getList("items").size() == 1,
              "the redelivered pair as a change");
      assertEquals("gal-1-000000", changes.getString("items[0].imageId"));

      stages.publish(
          Topics.DEAD_LETTERS,
          "gal-1-000001",
          TestRecords.deadLetter(
              "mask-stage", "gal-1-000001", recipe.getRecipeId(), "tensor missing", Instant.now()));
      JsonPath dead =
          await(
              "/jobs/gal-1/dead-letters",
              // the distinct counts pass a repartition topic, so they may trail the examples
              d ->
                  d.getList("byReason").size() == 1
                      && d.get("byRecipe.'" + recipe.getRecipeId() + "'") != null
                      && d.getInt("byReason[0].images") == 1,
              "the dead letter broken down");
      assertEquals(1, dead.getInt("byRecipe.'" + recipe.getRecipeId() + "'"));
      assertEquals("mask-stage", dead.getString("byReason[0].stage"));
      assertEquals(1, dead.getInt("byReason[0].images"));
      assertEquals("tensor missing", dead.getString("byReason[0].examples[0].reason"));
      authed().get("/jobs/no-such-job/dead-letters").then().statusCode(404);

      JsonPath dataset =
          authed().get("/datasets/" + DATASET).then().statusCode(200).extract().jsonPath();
      assertEquals(2, dataset.getInt("dataset.images"));
      assertEquals(2, dataset.getInt("classes.find { it.className == 'cat' }.images"));
      // image 0 was redelivered at 0.5 (replacing 0.25), image 1 has none: (0.5 + 0) / 2
      assertEquals(
          0.25f, dataset.getFloat("classes.find { it.className == 'cat' }.meanFraction"), 1e-6);
    }

    JsonPath recipes = authed().get("/recipes").then().statusCode(200).extract().jsonPath();
    assertEquals(
        List.of("seediff", "seediff-code", "dataset-diffusion", "diffumask", "pcc").stream()
            .sorted()
            .toList(),
        recipes.getList("method", String.class).stream().sorted().toList());
    assertTrue(
        recipes.getList("find { it.method == 'diffumask' }.params.name").contains("threshold"));
  }

  private static io.restassured.specification.RequestSpecification authed() {
    return given().header("Authorization", "Bearer " + Api.TOKEN);
  }

  /** GET an object or view of one image of the dataset, with the token. */
  private static ValidatableResponse image(String imageId, String path) {
    return authed().get("/datasets/" + DATASET + "/images/" + imageId + path).then();
  }

  /** The reason of an error answer with this status. */
  private static String error(ValidatableResponse response, int status) {
    return response.statusCode(status).extract().jsonPath().getString("error");
  }

  /** The JSON at a path once it satisfies {@code until}. */
  private static JsonPath await(String path, Predicate<JsonPath> until, String what) {
    return Eventually.await(
        WAIT, () -> authed().get(path).then().extract().jsonPath(), until, what);
  }

  private static String legendColour(JsonPath page, String name) {
    return page.getString("legend.find { it.name == '" + name + "' }.colour");
  }

  private static Pair pair(
      String imageId,
      RecipeRef recipe,
      ObjectRef image,
      ObjectRef mask,
      ObjectRef annotation,
      double catFraction) {
    return Pair.newBuilder()
        .setImageId(imageId)
        .setJobId("gal-1")
        .setDataset(DATASET)
        .setRecipe(recipe)
        .setGenerationId("g-1")
        .setImage(image)
        .setMask(mask)
        .setAnnotation(annotation)
        .setClassFractions(Map.of("cat", catFraction, "dog", 0.0, "background", 1 - catFraction))
        .setTimings(MaskTimings.newBuilder().build())
        .setCreatedAt(Instant.now())
        .build();
  }

  private static byte[] palettePng(byte[] labels, int width, int height) throws Exception {
    BufferedImage img =
        new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED, VocPalette.colourModel());
    img.getRaster().setDataElements(0, 0, width, height, labels);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }
}
