package dsgen.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where objects go and how to reach the S3 API. Services read it from the {@code dsgen.store.*}
 * keys ({@link #SETTINGS}); {@link #toString()} never shows the credentials.
 *
 * @param uri {@code s3://bucket[/prefix]} or {@code file:/dir} (also {@code file:relative/dir})
 * @param endpoint S3 API endpoint, e.g. {@code http://127.0.0.1:9000}; {@code null} for AWS S3
 *     itself
 * @param region S3 region; AWS needs the bucket's region, MinIO and S3Proxy accept any
 * @param accessKey S3 access key; {@code null} uses the AWS default credential chain (environment,
 *     profile, role)
 * @param secretKey S3 secret key, given together with the access key
 * @param pathStyle address buckets as {@code endpoint/bucket/key} (MinIO, S3Proxy) instead of
 *     {@code bucket.endpoint/key}
 */
public record StoreConfig(
    String uri,
    String endpoint,
    String region,
    String accessKey,
    String secretKey,
    boolean pathStyle) {

  public static final String URI_KEY = "dsgen.store.uri";
  public static final String ENDPOINT_KEY = "dsgen.store.s3.endpoint";
  public static final String REGION_KEY = "dsgen.store.s3.region";
  public static final String ACCESS_KEY_KEY = "dsgen.store.s3.access-key";
  public static final String SECRET_KEY_KEY = "dsgen.store.s3.secret-key";
  public static final String PATH_STYLE_KEY = "dsgen.store.s3.path-style";

  public static final String DEFAULT_REGION = "us-east-1";

  /**
   * A configuration key with its default and what it means (for documentation and config checks).
   */
  public record Setting(String key, String defaultValue, String description) {}

  public static final List<Setting> SETTINGS =
      List.of(
          new Setting(
              URI_KEY, null, "Object store root: s3://bucket[/prefix] or file:/dir (required)."),
          new Setting(
              ENDPOINT_KEY,
              null,
              "S3 API endpoint URL (MinIO, S3Proxy, local stack); unset for AWS S3."),
          new Setting(REGION_KEY, DEFAULT_REGION, "S3 region."),
          new Setting(
              ACCESS_KEY_KEY, null, "S3 access key; unset uses the AWS default credential chain."),
          new Setting(SECRET_KEY_KEY, null, "S3 secret key (never logged)."),
          new Setting(
              PATH_STYLE_KEY,
              "true when an endpoint is set",
              "Path-style bucket addressing (needed by MinIO and S3Proxy)."));

  public StoreConfig {
    if (uri == null || uri.isBlank()) {
      throw new IllegalArgumentException(
          URI_KEY + " is not set: give s3://bucket[/prefix] or file:/dir");
    }
    String scheme = scheme(uri);
    if (!scheme.equals("s3") && !scheme.equals("file")) {
      throw new IllegalArgumentException(URI_KEY + "=" + uri + ": the scheme must be s3 or file");
    }
    if (scheme.equals("s3") && bucketOf(uri).isEmpty()) {
      throw new IllegalArgumentException(
          URI_KEY + "=" + uri + " names no bucket (s3://bucket[/prefix])");
    }
    if (endpoint != null) {
      requireHttpUrl(endpoint);
    }
    if ((accessKey == null) != (secretKey == null)) {
      throw new IllegalArgumentException(
          ACCESS_KEY_KEY + " and " + SECRET_KEY_KEY + " must be set together");
    }
    region = region == null || region.isBlank() ? DEFAULT_REGION : region;
  }

  /** A local-folder store (no S3 settings). */
  public static StoreConfig localFolder(String fileUri) {
    return new StoreConfig(fileUri, null, null, null, null, false);
  }

  /** Reads the {@code dsgen.store.*} keys from a flat property map. */
  public static StoreConfig fromProperties(Map<String, String> properties) {
    return fromProperties(key -> Optional.ofNullable(properties.get(key)));
  }

  /**
   * Reads the {@code dsgen.store.*} keys from any configuration lookup (e.g. MicroProfile Config).
   */
  public static StoreConfig fromProperties(Function<String, Optional<String>> config) {
    Function<String, String> value =
        key -> config.apply(key).map(String::strip).filter(v -> !v.isEmpty()).orElse(null);
    String endpoint = value.apply(ENDPOINT_KEY);
    String pathStyle = value.apply(PATH_STYLE_KEY);
    return new StoreConfig(
        value.apply(URI_KEY),
        endpoint,
        value.apply(REGION_KEY),
        value.apply(ACCESS_KEY_KEY),
        value.apply(SECRET_KEY_KEY),
        pathStyle == null ? defaultPathStyle(endpoint) : parseBoolean(pathStyle));
  }

  /**
   * Path-style unless talking to AWS S3 itself: S3-compatible servers (MinIO, S3Proxy) need it, AWS
   * prefers virtual-hosted buckets.
   */
  static boolean defaultPathStyle(String endpoint) {
    return endpoint != null;
  }

  /** {@code s3} or {@code file}. */
  public String scheme() {
    return scheme(uri);
  }

  /** Bucket of an {@code s3:} store. */
  public String bucket() {
    return bucketOf(uri);
  }

  /** Key prefix inside the bucket of an {@code s3:} store, empty or ending in '/'. */
  public String keyPrefix() {
    String rest = uri.substring("s3://".length());
    int slash = rest.indexOf('/');
    if (slash < 0) {
      return "";
    }
    String prefix = rest.substring(slash + 1).replaceAll("/+$", "");
    return prefix.isEmpty() ? "" : prefix + "/";
  }

  @Override
  public String toString() {
    return "StoreConfig[uri="
        + uri
        + ", endpoint="
        + endpoint
        + ", region="
        + region
        + ", accessKey="
        + mask(accessKey)
        + ", secretKey="
        + mask(secretKey)
        + ", pathStyle="
        + pathStyle
        + "]";
  }

  private static String mask(String secret) {
    return secret == null ? "(unset)" : "****";
  }

  private static String scheme(String uri) {
    int colon = uri.indexOf(':');
    return colon < 0 ? "" : uri.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
  }

  private static String bucketOf(String uri) {
    if (!uri.startsWith("s3://")) {
      return "";
    }
    String rest = uri.substring("s3://".length());
    int slash = rest.indexOf('/');
    return slash < 0 ? rest : rest.substring(0, slash);
  }

  private static void requireHttpUrl(String endpoint) {
    try {
      URI parsed = new URI(endpoint);
      if (!"http".equals(parsed.getScheme()) && !"https".equals(parsed.getScheme())
          || parsed.getHost() == null) {
        throw new IllegalArgumentException(
            ENDPOINT_KEY + "=" + endpoint + " must be an http(s)://host[:port] URL");
      }
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          ENDPOINT_KEY + "=" + endpoint + " is not a URL: " + e.getMessage(), e);
    }
  }

  private static boolean parseBoolean(String text) {
    return switch (text.toLowerCase(java.util.Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new IllegalArgumentException(
              PATH_STYLE_KEY + " must be true or false, got '" + text + "'");
    };
  }
}
