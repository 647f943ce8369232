package dsgen.producer;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dsgen.generation.ModelLimits;
import dsgen.producer.api.JobRequest;
import dsgen.producer.api.JobSpecFactory;
import dsgen.producer.api.RequestDefaults;
import dsgen.producer.api.RequestLimits;
import dsgen.records.JobSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/** Jobs for tests, written as the JSON a client would send. */
public final class TestJobs {
  public static final RequestLimits LIMITS =
      new RequestLimits(1000, 100, ModelLimits.stableDiffusion(1024, 999));
  public static final RequestDefaults DEFAULTS =
      new RequestDefaults("a photo of a {class}", 50, 7.5, 256, "", "float16", "compact", 4);
  public static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private TestJobs() {}

  /** Single quotes stand for double quotes, to keep JSON in Java strings readable. */
  public static JobRequest request(String json) {
    try {
      return JSON.readValue(json.replace('\'', '"'), JobRequest.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JobSpec spec(String json) {
    return new JobSpecFactory(LIMITS, DEFAULTS)
        .create(request(json), () -> "job-test", () -> 1111L, NOW);
  }
}
