package dsgen.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dsgen.localstack.LocalStack;
import dsgen.localstack.LocalStackExtension;
import dsgen.records.ObjectRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 store against the local stack's real S3 API server (S3Proxy), through the same config keys
 * services use.
 */
@ExtendWith(LocalStackExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class S3ObjectStoreTest {

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static ObjectStore open(LocalStack stack) {
    return ObjectStore.open(StoreConfig.fromProperties(stack.serviceProperties()));
  }

  private static ObjectStore openUnder(LocalStack stack, String prefix) {
    Map<String, String> properties = new HashMap<>(stack.serviceProperties());
    properties.put(StoreConfig.URI_KEY, "s3://" + stack.bucket() + "/" + prefix);
    return ObjectStore.open(StoreConfig.fromProperties(properties));
  }

  /** A client that bypasses the store, to change objects behind its back. */
  private static S3Client rawClient(LocalStack stack) {
    return S3Client.builder()
        .endpointOverride(stack.s3Endpoint())
        .region(Region.of(stack.region()))
        .forcePathStyle(true)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(stack.accessKey(), stack.secretKey())))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  @Test
  void putGetAndMetadataRoundTrip(LocalStack stack) {
    try (ObjectStore store = open(stack)) {
      byte[] png = new byte[300_000];
      for (int i = 0; i < png.length; i++) {
        png[i] = (byte) (i * 31);
      }
      String key = "generations/job-1/job-1-000001/g-1/image.png";
      ObjectRef ref =
          store.put(key, png, "image/png", Map.of("seed", "42", "model-id", "tiny-sd2"));
      assertEquals("s3://" + stack.bucket() + "/" + key, ref.getUri());
      assertEquals(png.length, ref.getSizeBytes());
      assertEquals(ObjectRefs.sha256Hex(png), ref.getSha256());
      assertArrayEquals(png, store.get(ref));

      Map<String, String> metadata = ((S3ObjectStore) store).metadata(key);
      assertEquals("42", metadata.get("seed"));
      assertEquals("tiny-sd2", metadata.get("model-id"));
      assertEquals(ref.getSha256(), metadata.get("sha256"));
      try (S3Client raw = rawClient(stack)) {
        assertEquals(
            "image/png", raw.headObject(b -> b.bucket(stack.bucket()).key(key)).contentType());
      }
    }
  }

  @Test
  void readByKeyChecksTheRecordedDigest(LocalStack stack) {
    try (ObjectStore store = open(stack);
        S3Client raw = rawClient(stack)) {
      assertTrue(store.read("markers/absent.avro").isEmpty());
      String key = "markers/present.avro";
      ObjectRef ref = store.put(key, text("marker v1"), "application/octet-stream", Map.of());
      assertArrayEquals(text("marker v1"), store.read(key).orElseThrow());
      // other bytes behind the store's back, keeping the digest it recorded
      raw.putObject(
          b -> b.bucket(stack.bucket()).key(key).metadata(Map.of("sha256", ref.getSha256())),
          RequestBody.fromBytes(text("marker v2")));
      ChecksumMismatchException e =
          assertThrows(ChecksumMismatchException.class, () -> store.read(key));
      assertEquals(ObjectRefs.sha256Hex(text("marker v2")), e.found());
      raw.putObject(
          b -> b.bucket(stack.bucket()).key(key), RequestBody.fromBytes(text("no digest")));
      ObjectStoreException none = assertThrows(ObjectStoreException.class, () -> store.read(key));
      assertTrue(none.getMessage().contains("no recorded sha256"), none.getMessage());
    }
  }

  @Test
  void emptyObjectsRoundTrip(LocalStack stack) {
    try (ObjectStore store = open(stack)) {
      ObjectRef ref =
          store.put("empty/zero.bin", new byte[0], "application/octet-stream", Map.of());
      assertEquals(0, store.get(ref).length);
    }
  }

  @Test
  void listReturnsKeysUnderAPrefixRelativeToTheStoreRoot(LocalStack stack) {
    try (ObjectStore store = openUnder(stack, "list-test")) {
      for (int i = 0; i < 3; i++) {
        store.put(
            "datasets/d/r/JPEGImages/img-" + i + ".jpg", text("jpg" + i), "image/jpeg", Map.of());
      }
      store.put("datasets/d/r/labels.json", text("{}"), "application/json", Map.of());
      assertEquals(
          List.of(
              "datasets/d/r/JPEGImages/img-0.jpg",
              "datasets/d/r/JPEGImages/img-1.jpg",
              "datasets/d/r/JPEGImages/img-2.jpg"),
          store.list("datasets/d/r/JPEGImages/"));
      assertEquals(4, store.list("datasets/").size());
      assertEquals(List.of(), store.list("datasets/none/"));
      assertTrue(store.uriOf("x").startsWith("s3://" + stack.bucket() + "/list-test/"));
    }
  }

  @Test
  void anObjectReplacedOnTheServerIsDetected(LocalStack stack) {
    try (ObjectStore store = open(stack);
        S3Client raw = rawClient(stack)) {
      String key = "tamper/replaced.safetensors";
      ObjectRef ref = store.put(key, text("attention v1"), "application/octet-stream", Map.of());
      raw.putObject(
          b -> b.bucket(stack.bucket()).key(key), RequestBody.fromBytes(text("attention v2")));
      ChecksumMismatchException e =
          assertThrows(ChecksumMismatchException.class, () -> store.get(ref));
      assertEquals("sha256", e.property());
      assertEquals(ref.getSha256(), e.expected());
      assertEquals(ObjectRefs.sha256Hex(text("attention v2")), e.found());
      assertTrue(e.getMessage().contains(ref.getUri()), e.getMessage());
    }
  }

  @Test
  void anObjectTruncatedOnTheServersDiskIsDetected(LocalStack stack) throws Exception {
    try (ObjectStore store = open(stack)) {
      String key = "tamper/truncated.png";
      ObjectRef ref = store.put(key, text("0123456789"), "image/png", Map.of());
      Path onDisk = stack.dataDir().resolve("objects").resolve(stack.bucket()).resolve(key);
      assertTrue(Files.exists(onDisk), "S3Proxy keeps objects at " + onDisk);
      Files.write(onDisk, text("01234"));
      ChecksumMismatchException e =
          assertThrows(ChecksumMismatchException.class, () -> store.get(ref));
      assertEquals("sizeBytes", e.property());
      assertEquals("10", e.expected());
      assertEquals("5", e.found());
    }
  }

  @Test
  void aMissingObjectIsReportedByUri(LocalStack stack) {
    try (ObjectStore store = open(stack)) {
      ObjectRef ref = ObjectRefs.of(store.uriOf("never/written.png"), text("x"), "image/png");
      ObjectNotFoundException e = assertThrows(ObjectNotFoundException.class, () -> store.get(ref));
      assertEquals(ref.getUri(), e.uri());
      assertTrue(e.getMessage().contains(ref.getUri()), e.getMessage());
    }
  }

  @Test
  void aMissingBucketIsReportedAsNotFound(LocalStack stack) {
    try (ObjectStore store = open(stack)) {
      ObjectRef ref = ObjectRefs.of("s3://no-such-bucket/k.png", text("x"), "image/png");
      assertThrows(ObjectNotFoundException.class, () -> store.get(ref));
    }
  }

  @Test
  void wrongCredentialsAreAPermanentFailure(LocalStack stack) {
    Map<String, String> properties = new HashMap<>(stack.serviceProperties());
    properties.put(StoreConfig.SECRET_KEY_KEY, "wrong-secret");
    try (ObjectStore store = ObjectStore.open(StoreConfig.fromProperties(properties))) {
      ObjectStoreException e =
          assertThrows(
              ObjectStoreException.class,
              () -> store.put("k.bin", text("x"), "text/plain", Map.of()));
      assertFalse(e instanceof ObjectStoreUnavailableException, "403 is not transient: " + e);
      assertTrue(e.getMessage().contains("403"), e.getMessage());
      assertFalse(e.getMessage().contains("wrong-secret"), e.getMessage());
    }
  }

  @Test
  void aStoppedServerIsReportedAsUnavailableAndTheStoreRecovers(LocalStack stack) {
    try (ObjectStore store = open(stack)) {
      ObjectRef ref =
          store.put("outage/before.bin", text("before"), "application/octet-stream", Map.of());
      stack.stopS3();
      try {
        ObjectStoreUnavailableException get =
            assertThrows(ObjectStoreUnavailableException.class, () -> store.get(ref));
        assertTrue(get.getMessage().contains(stack.s3Endpoint().toString()), get.getMessage());
        assertInstanceOf(
            ObjectStoreUnavailableException.class,
            assertThrows(
                ObjectStoreException.class,
                () -> store.put("outage/during.bin", text("x"), "text/plain", Map.of())));
        assertInstanceOf(
            ObjectStoreUnavailableException.class,
            assertThrows(ObjectStoreException.class, () -> store.list("outage/")));
      } finally {
        stack.startS3();
      }
      assertArrayEquals(text("before"), store.get(ref));
    }
  }
}
