package dsgen.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.FeatureMetadata;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

@ExtendWith(LocalStackExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LocalStackEndpointsTest {

  /**
   * The 15 s budget is for this kind of machine when it is not oversubscribed: with a load average
   * above the core count (other builds running) the time measures the neighbours, so the check is
   * skipped and says why.
   */
  @Test
  void startsWithinFifteenSeconds(LocalStack stack) {
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    int cores = Runtime.getRuntime().availableProcessors();
    long millis = stack.startDuration().toMillis();
    assumeTrue(
        load < cores,
        "load average " + load + " on " + cores + " cores; start took " + millis + " ms");
    assertTrue(millis <= 15_000, "ready after " + millis + " ms");
  }

  @Test
  void brokerAnswersWithOneNodeAndShareGroupsEnabled(LocalStack stack) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
      assertEquals(1, admin.describeCluster().nodes().get().size());
      FeatureMetadata features = admin.describeFeatures().featureMetadata().get();
      FinalizedVersionRange share = features.finalizedFeatures().get("share.version");
      assertTrue(
          share != null && share.maxVersionLevel() >= 1, "share.version finalized: " + share);
    }
  }

  @Test
  void s3AnswersWithTheBucketCreatedAndSignedRequests(LocalStack stack) {
    try (S3Client s3 =
        S3Clients.create(
            stack.s3Endpoint(), stack.region(), stack.accessKey(), stack.secretKey())) {
      assertTrue(
          s3.listBuckets().buckets().stream().anyMatch(b -> b.name().equals(stack.bucket())));
      s3.putObject(
          b -> b.bucket(stack.bucket()).key("probe/hello.txt").contentType("text/plain"),
          RequestBody.fromString("hello", StandardCharsets.UTF_8));
      assertEquals(
          "hello",
          s3.getObjectAsBytes(b -> b.bucket(stack.bucket()).key("probe/hello.txt")).asUtf8String());
    }
  }

  @Test
  void s3RejectsAWrongSecret(LocalStack stack) {
    try (S3Client s3 =
        S3Clients.create(stack.s3Endpoint(), stack.region(), stack.accessKey(), "not-the-secret")) {
      S3Exception e = assertThrows(S3Exception.class, s3::listBuckets);
      assertEquals(403, e.statusCode());
    }
  }

  @Test
  void servicePropertiesPointAtThisStack(LocalStack stack) {
    Map<String, String> p = stack.serviceProperties();
    assertEquals(stack.bootstrapServers(), p.get("kafka.bootstrap.servers"));
    assertEquals("s3://" + stack.bucket(), p.get("dsgen.store.uri"));
    assertEquals(stack.s3Endpoint().toString(), p.get("dsgen.store.s3.endpoint"));
    assertEquals(stack.region(), p.get("dsgen.store.s3.region"));
    assertEquals(stack.accessKey(), p.get("dsgen.store.s3.access-key"));
    assertEquals(stack.secretKey(), p.get("dsgen.store.s3.secret-key"));
    assertEquals("true", p.get("dsgen.store.s3.path-style"));
    assertEquals(7, p.size());
  }

  @Test
  void staticAccessorReturnsTheInjectedStack(LocalStack stack) {
    assertSame(stack, LocalStackExtension.stack());
  }
}
