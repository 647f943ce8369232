package dsgen.producer.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dsgen.producer.api.ErrorResponse;
import dsgen.producer.api.JobRequest;
import dsgen.producer.api.JobStatus;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The job API over HTTP, as the CLI uses it. The token is sent as a bearer token and never printed.
 */
final class ProducerClient {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final URI base;
  private final Optional<String> token;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json =
      new ObjectMapper()
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  ProducerClient(URI base, Optional<String> token) {
    this.base = base;
    this.token = token.filter(t -> !t.isBlank());
  }

  URI base() {
    return base;
  }

  JobStatus submit(JobRequest request) {
    try {
      return send(
          builder("/jobs")
              .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(request))),
          JobStatus.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write the job request as JSON", e);
    }
  }

  List<JobStatus> list() {
    return Arrays.asList(send(builder("/jobs").GET(), JobStatus[].class));
  }

  JobStatus get(String jobId) {
    return send(builder("/jobs/" + jobId).GET(), JobStatus.class);
  }

  JobStatus cancel(String jobId) {
    return send(builder("/jobs/" + jobId).DELETE(), JobStatus.class);
  }

  private HttpRequest.Builder builder(String path) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json");
    token.ifPresent(t -> b.header("Authorization", "Bearer " + t));
    return b;
  }

  private <T> T send(HttpRequest.Builder request, Class<T> type) {
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (ConnectException e) {
      throw new ApiException(
          0,
          "cannot reach the producer at " + base + " (is it running? set DSGEN_PRODUCER_URL)",
          null);
    } catch (IOException e) {
      throw new ApiException(0, "talking to the producer at " + base + " failed: " + e, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(0, "interrupted", null);
    }
    try {
      if (response.statusCode() / 100 == 2) {
        return json.readValue(response.body(), type);
      }
      ErrorResponse error = json.readValue(response.body(), ErrorResponse.class);
      throw new ApiException(response.statusCode(), error.error(), error.violations());
    } catch (IOException e) {
      throw new ApiException(
          response.statusCode(),
          "unreadable answer from the producer (HTTP " + response.statusCode() + ")",
          null);
    }
  }
}
