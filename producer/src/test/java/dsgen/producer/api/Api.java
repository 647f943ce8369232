package dsgen.producer.api;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * The job API as the tests call it: authenticated with the %test token, JSON written with single
 * quotes.
 */
public final class Api {
  public static final String TOKEN = "test-token";

  private Api() {}

  public static RequestSpecification authed() {
    return given().header("Authorization", "Bearer " + TOKEN).contentType(ContentType.JSON);
  }

  public static ValidatableResponse submit(String json) {
    return authed().body(json.replace('\'', '"')).post("/jobs").then();
  }

  public static ValidatableResponse get(String jobId) {
    return authed().get("/jobs/" + jobId).then();
  }
}
