package dsgen.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StoreConfigTest {

  private static final Map<String, String> LOCAL_STACK =
      Map.of(
          "dsgen.store.uri", "s3://dsgen/run-1",
          "dsgen.store.s3.endpoint", "http://127.0.0.1:9000",
          "dsgen.store.s3.region", "eu-west-1",
          "dsgen.store.s3.access-key", "AKIAEXAMPLEKEY",
          "dsgen.store.s3.secret-key", "super-secret-value",
          "dsgen.store.s3.path-style", "true");

  @Test
  void readsEveryKey() {
    StoreConfig config = StoreConfig.fromProperties(LOCAL_STACK);
    assertEquals(
        new StoreConfig(
            "s3://dsgen/run-1",
            "http://127.0.0.1:9000",
            "eu-west-1",
            "AKIAEXAMPLEKEY",
            "super-secret-value",
            true),
        config);
    assertEquals("dsgen", config.bucket());
    assertEquals("run-1/", config.keyPrefix());
    assertEquals("s3", config.scheme());
  }

  @Test
  void readsFromAConfigLookup() {
    StoreConfig config =
        StoreConfig.fromProperties(key -> Optional.ofNullable(LOCAL_STACK.get(key)));
    assertEquals(StoreConfig.fromProperties(LOCAL_STACK), config);
  }

  @Test
  void toStringNeverShowsCredentials() {
    String text = StoreConfig.fromProperties(LOCAL_STACK).toString();
    assertFalse(text.contains("super-secret-value"), text);
    assertFalse(text.contains("AKIAEXAMPLEKEY"), text);
    assertTrue(text.contains("s3://dsgen/run-1"), text);
  }

  @Test
  void defaultsSuitAwsWithoutEndpointAndS3CompatibleServersWithOne() {
    StoreConfig aws = StoreConfig.fromProperties(Map.of("dsgen.store.uri", "s3://bucket"));
    assertEquals("us-east-1", aws.region());
    assertFalse(aws.pathStyle());
    assertEquals("", aws.keyPrefix());
    StoreConfig minio =
        StoreConfig.fromProperties(
            Map.of(
                "dsgen.store.uri", "s3://bucket/", "dsgen.store.s3.endpoint", "http://minio:9000"));
    assertTrue(minio.pathStyle());
    assertEquals("", minio.keyPrefix());
  }

  @Test
  void mistakesNameTheKey() {
    assertMessage("dsgen.store.uri", Map.of());
    assertMessage("dsgen.store.uri", Map.of("dsgen.store.uri", "ftp://x"));
    assertMessage("names no bucket", Map.of("dsgen.store.uri", "s3://"));
    assertMessage(
        "dsgen.store.s3.endpoint",
        Map.of("dsgen.store.uri", "s3://b", "dsgen.store.s3.endpoint", "127.0.0.1:9000"));
    assertMessage(
        "must be set together",
        Map.of("dsgen.store.uri", "s3://b", "dsgen.store.s3.access-key", "a"));
    assertMessage(
        "dsgen.store.s3.path-style",
        Map.of("dsgen.store.uri", "s3://b", "dsgen.store.s3.path-style", "yes"));
  }

  @Test
  void everyKeyIsDocumented() {
    assertEquals(6, StoreConfig.SETTINGS.size());
    StoreConfig.SETTINGS.forEach(
        setting ->
            assertTrue(
                setting.key().startsWith("dsgen.store.") && !setting.description().isBlank()));
  }

  private static void assertMessage(String expected, Map<String, String> properties) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> StoreConfig.fromProperties(properties));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
