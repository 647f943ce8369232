package dsgen.producer.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dsgen.localstack.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The HTTP contract of /jobs: every 400 case names its field, auth, 404, 409, 201. */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
@Timeout(120)
class JobsApiContractTest {
  private static final String CLASSES = "'classes':[{'name':'cat'},{'name':'dog'}]";
  private static final String RECIPES = "'recipes':[{'method':'diffumask'}]";
  private static final String OK = "'dataset':'pets'," + CLASSES + "," + RECIPES;

  static Stream<Arguments> badRequests() {
    return Stream.of(
        bad("not JSON", "{'dataset':", "body"),
        bad("unknown field", "{" + OK + ",'datset':'x'}", "datset"),
        bad("string for an integer", "{" + OK + ",'steps':'many'}", "steps"),
        bad(
            "string for a label",
            "{'dataset':'d','classes':[{'name':'cat','label':'one'}]," + RECIPES + "}",
            "classes[0].label"),
        bad(
            "object for a list",
            "{'dataset':'d','classes':{'name':'cat'}," + RECIPES + "}",
            "classes"),
        bad("dataset missing", "{" + CLASSES + "," + RECIPES + "}", "dataset"),
        bad("dataset with a slash", "{'dataset':'a/b'," + CLASSES + "," + RECIPES + "}", "dataset"),
        bad("job id with capitals", "{" + OK + ",'jobId':'Job-1'}", "jobId"),
        bad("classes and preset", "{" + OK + ",'preset':'voc'}", "preset"),
        bad("unknown preset", "{'dataset':'d','preset':'coco'," + RECIPES + "}", "preset"),
        bad("no classes", "{'dataset':'d'," + RECIPES + "}", "classes"),
        bad("empty classes", "{'dataset':'d','classes':[]," + RECIPES + "}", "classes"),
        bad(
            "blank class name",
            "{'dataset':'d','classes':[{'name':' '}]," + RECIPES + "}",
            "classes[0].name"),
        bad(
            "class name with ;",
            "{'dataset':'d','classes':[{'name':'cat;dog'}]," + RECIPES + "}",
            "classes[0].name"),
        bad(
            "class listed twice",
            "{'dataset':'d','classes':[{'name':'cat'},{'name':'Cat'}]," + RECIPES + "}",
            "classes[1].name"),
        bad(
            "label 0",
            "{'dataset':'d','classes':[{'name':'cat','label':0}]," + RECIPES + "}",
            "classes[0].label"),
        bad(
            "label 255",
            "{'dataset':'d','classes':[{'name':'cat','label':255}]," + RECIPES + "}",
            "classes[0].label"),
        bad(
            "label used twice",
            "{'dataset':'d','classes':[{'name':'cat','label':3},{'name':'dog','label':3}],"
                + RECIPES
                + "}",
            "classes[1].label"),
        bad(
            "templates and captions",
            "{"
                + OK
                + ",'templates':['a {class}'],'captions':[{'text':'a cat','classes':['cat']}]}",
            "captions"),
        bad("empty templates", "{" + OK + ",'templates':[]}", "templates"),
        bad("template without placeholder", "{" + OK + ",'templates':['a photo']}", "templates[0]"),
        bad(
            "template too long",
            "{" + OK + ",'templates':['" + "x".repeat(400) + " {class}']}",
            "templates[0]"),
        bad("imagesPerClass 0", "{" + OK + ",'imagesPerClass':0}", "imagesPerClass"),
        bad("repeats with templates", "{" + OK + ",'repeats':2}", "repeats"),
        bad("too many images", "{" + OK + ",'imagesPerClass':501}", "imagesPerClass"),
        bad("empty captions", "{" + OK + ",'captions':[]}", "captions"),
        bad(
            "blank caption",
            "{" + OK + ",'captions':[{'text':'','classes':['cat']}]}",
            "captions[0].text"),
        bad(
            "caption without classes",
            "{" + OK + ",'captions':[{'text':'a cat'}]}",
            "captions[0].classes"),
        bad(
            "caption with a foreign class",
            "{" + OK + ",'captions':[{'text':'a cow','classes':['cow']}]}",
            "captions[0].classes"),
        bad(
            "caption too long",
            "{" + OK + ",'captions':[{'text':'" + "y".repeat(396) + "','classes':['cat']}]}",
            "captions[0].text"),
        bad(
            "imagesPerClass with captions",
            "{" + OK + ",'imagesPerClass':2,'captions':[{'text':'a cat','classes':['cat']}]}",
            "imagesPerClass"),
        bad(
            "repeats 0",
            "{" + OK + ",'repeats':0,'captions':[{'text':'a cat','classes':['cat']}]}",
            "repeats"),
        bad(
            "blank prompt",
            "{" + OK + ",'prompts':[{'prompt':' ','classes':['cat']}]}",
            "prompts[0].prompt"),
        bad(
            "class word absent from prompt",
            "{" + OK + ",'prompts':[{'prompt':'two cats','classes':['cat']}]}",
            "prompts[0].classes"),
        bad("size not a multiple of 64", "{" + OK + ",'size':300}", "size"),
        bad("size above the limit", "{" + OK + ",'size':2048}", "size"),
        bad("steps 0", "{" + OK + ",'steps':0}", "steps"),
        bad("steps above the limit", "{" + OK + ",'steps':1001}", "steps"),
        bad("negative guidance", "{" + OK + ",'guidance':-1}", "guidance"),
        bad(
            "negative prompt too long",
            "{" + OK + ",'negativePrompt':'" + "n".repeat(401) + "'}",
            "negativePrompt"),
        bad("attention dtype", "{" + OK + ",'attentionDtype':'bfloat16'}", "attentionDtype"),
        bad("unknown sampler", "{" + OK + ",'sampler':'heun'}", "sampler"),
        bad(
            "unknown tensor in the capture profile",
            "{" + OK + ",'captureProfile':'ca_mean_7'}",
            "captureProfile"),
        bad(
            "capture profile missing a needed tensor",
            "{'dataset':'d',"
                + CLASSES
                + ",'recipes':[{'method':'seediff'}],'captureProfile':'ca_mean_8'}",
            "captureProfile"),
        bad("no recipes", "{'dataset':'d'," + CLASSES + "}", "recipes"),
        bad("empty recipes", "{'dataset':'d'," + CLASSES + ",'recipes':[]}", "recipes"),
        bad(
            "unknown recipe method",
            "{'dataset':'d'," + CLASSES + ",'recipes':[{'method':'grabcut'}]}",
            "recipes[0].method"),
        bad(
            "recipe parameter out of range",
            "{'dataset':'d',"
                + CLASSES
                + ",'recipes':[{'method':'diffumask','params':{'threshold':7}}]}",
            "recipes[0].params.threshold"),
        bad(
            "unknown recipe parameter",
            "{'dataset':'d',"
                + CLASSES
                + ",'recipes':[{'method':'diffumask','params':{'alpha':0.5}}]}",
            "recipes[0].params.alpha"),
        bad(
            "recipe parameter as an object",
            "{'dataset':'d',"
                + CLASSES
                + ",'recipes':[{'method':'diffumask','params':{'threshold':{'v':1}}}]}",
            "recipes[0].params.threshold"),
        bad(
            "same recipe twice",
            "{'dataset':'d',"
                + CLASSES
                + ",'recipes':[{'method':'diffumask'},{'method':'diffumask','params':{'threshold':0.5}}]}",
            "recipes[1]"),
        bad("target backlog 0 of a finite job", "{" + OK + ",'targetBacklog':0}", "targetBacklog"),
        bad(
            "target backlog 0",
            "{" + OK + ",'continuous':true,'targetBacklog':0}",
            "targetBacklog"),
        bad(
            "target backlog above the limit",
            "{" + OK + ",'continuous':true,'targetBacklog':10001}",
            "targetBacklog"));
  }

  private static Arguments bad(String what, String json, String field) {
    return Arguments.of(what, json, field);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  void badRequestNamesTheField(String what, String json, String field) {
    Api.submit(json)
        .statusCode(400)
        .body("error", equalTo("invalid job request"))
        .body("violations.field", hasItem(field))
        .body("violations.reason", hasItem(notNullValue()));
  }

  @Test
  void emptyBodyIsABadRequest() {
    Api.authed().post("/jobs").then().statusCode(400).body("violations.field", hasItem("body"));
  }

  @Test
  void severalBadFieldsAreAllListed() {
    Api.submit("{'dataset':'','classes':[{'name':''}],'steps':-3,'recipes':[{'method':'x'}]}")
        .statusCode(400)
        .body("violations", hasSize(4))
        .body(
            "violations.field",
            equalTo(List.of("dataset", "classes[0].name", "recipes[0].method", "steps")));
  }

  @Test
  void jobApiNeedsTheBearerToken() {
    given()
        .contentType(ContentType.JSON)
        .get("/jobs")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", containsString("Bearer"))
        .body("error", containsString("missing"));
    given()
        .header("Authorization", "Bearer wrong")
        .get("/jobs")
        .then()
        .statusCode(401)
        .body("error", equalTo("wrong bearer token"));
    given().header("Authorization", "Basic " + Api.TOKEN).get("/jobs").then().statusCode(401);
    // the header only: a token in the URL would end up in access logs and shell history
    given().queryParam("access_token", Api.TOKEN).get("/jobs").then().statusCode(401);
    given().queryParam("token", Api.TOKEN).get("/jobs").then().statusCode(401);
    given()
        .header("Authorization", "Bearer wrong")
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/jobs")
        .then()
        .statusCode(401);
    given().header("Authorization", "Bearer wrong").delete("/jobs/x").then().statusCode(401);
    Api.authed().get("/jobs").then().statusCode(200);
  }

  /**
   * The readiness body carries the tracker's Kafka Streams state as its state listener saw it: a
   * listener Quarkus did not install would stay CREATED, and go DOWN after the grace.
   */
  @Test
  void readinessReportsTheTrackersStreamsState() throws InterruptedException {
    String path = "checks.find { it.name == 'job-tracker' }";
    String state = null;
    for (int i = 0; i < 120 && !"RUNNING".equals(state); i++) {
      state = given().get("/q/health/ready").jsonPath().getString(path + ".data.state");
      if (!"RUNNING".equals(state)) {
        Thread.sleep(500);
      }
    }
    assertEquals("RUNNING", state);
    assertEquals("UP", given().get("/q/health/ready").jsonPath().getString(path + ".status"));
  }

  @Test
  void healthAndOpenApiAreOpen() {
    given().get("/q/health/live").then().statusCode(200);
    given()
        .accept("application/json")
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body("paths.'/jobs'.post.requestBody", notNullValue())
        .body("components.schemas.JobRequest.properties.recipes", notNullValue())
        .body("components.securitySchemes.bearer", notNullValue());
  }

  @Test
  void unknownJobIs404() {
    Api.get("no-such-job").statusCode(404).body("error", containsString("no-such-job"));
    Api.authed().delete("/jobs/no-such-job").then().statusCode(404);
  }

  @Test
  void acceptedJobIs201WithItsLocationAndATakenIdIs409() {
    String location =
        Api.submit("{" + OK + ",'jobId':'contract-1','seed':7,'sampler':'pndm'}")
            .statusCode(201)
            .body("jobId", equalTo("contract-1"))
            .body("state", equalTo("ACTIVE"))
            .body("totalImages", equalTo(2))
            .body("seed", equalTo(7))
            .body("params.width", equalTo(256))
            .body("params.sampler", equalTo("pndm"))
            .body("recipes[0].method", equalTo("diffumask"))
            .extract()
            .header("Location");
    assertEquals(true, location.endsWith("/jobs/contract-1"), location);
    Api.submit("{" + OK + ",'jobId':'contract-1'}")
        .statusCode(409)
        .body("error", containsString("contract-1"));
  }

  @Test
  void generatedJobIdsAreUniqueAndValid() {
    String a = Api.submit("{" + OK + "}").statusCode(201).extract().path("jobId");
    String b = Api.submit("{" + OK + "}").statusCode(201).extract().path("jobId");
    assertEquals(true, a.matches("job-\\d{8}-\\d{6}-[a-z0-9]{4}"), a);
    assertEquals(false, a.equals(b));
  }
}
