package dsgen.store;

import dsgen.records.ObjectRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Objects in an S3 bucket under an optional key prefix ({@code s3://bucket[/prefix]}), through the
 * AWS SDK v2. Works with AWS S3, MinIO and S3Proxy: endpoint, region, credentials and path-style
 * addressing come from {@link StoreConfig}. The caller's metadata and the object's SHA-256 are
 * stored as S3 user metadata.
 */
public final class S3ObjectStore implements ObjectStore {

  /**
   * Connecting fails fast so an unreachable store is reported (and retried by the caller) quickly.
   */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** Generous: attention files of the "full" capture profile reach hundreds of megabytes. */
  static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(120);

  private final StoreConfig config;
  private final S3Client s3;
  private final String bucket;
  private final String keyPrefix;

  public S3ObjectStore(StoreConfig config) {
    this.config = config;
    this.bucket = config.bucket();
    this.keyPrefix = config.keyPrefix();
    this.s3 = client(config);
  }

  private static S3Client client(StoreConfig config) {
    S3ClientBuilder builder =
        S3Client.builder()
            .httpClient(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(CONNECT_TIMEOUT)
                    .socketTimeout(SOCKET_TIMEOUT)
                    .build())
            .region(Region.of(config.region()))
            .forcePathStyle(config.pathStyle())
            // The SDK's default flexible checksums (aws-chunked CRC trailers) are not understood by
            // every
            // S3-compatible server; integrity is checked end to end with the sha256 of the
            // ObjectRef instead.
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .credentialsProvider(credentials(config));
    if (config.endpoint() != null) {
      builder.endpointOverride(URI.create(config.endpoint()));
    }
    return builder.build();
  }

  private static AwsCredentialsProvider credentials(StoreConfig config) {
    if (config.accessKey() == null) {
      return DefaultCredentialsProvider.builder().build();
    }
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(config.accessKey(), config.secretKey()));
  }

  @Override
  public ObjectRef put(String key, byte[] bytes, String contentType, Map<String, String> metadata) {
    ObjectKeys.requireValidKey(key);
    ObjectKeys.requireValidMetadata(metadata);
    ObjectRef ref = ObjectRefs.of(uriOf(key), bytes, contentType);
    Map<String, String> userMetadata = new HashMap<>(metadata);
    userMetadata.put(ObjectKeys.SHA256_METADATA_KEY, ref.getSha256());
    try {
      s3.putObject(
          request ->
              request
                  .bucket(bucket)
                  .key(keyPrefix + key)
                  .contentType(contentType)
                  .contentLength((long) bytes.length)
                  .metadata(userMetadata),
          RequestBody.fromBytes(bytes));
    } catch (SdkException e) {
      throw translate(ref.getUri(), "putting", e);
    }
    return ref;
  }

  @Override
  public byte[] get(ObjectRef ref) {
    String key = keyOf(ref.getUri());
    byte[] bytes;
    try {
      bytes =
          s3.getObjectAsBytes(request -> request.bucket(bucketOf(ref.getUri())).key(key))
              .asByteArrayUnsafe();
    } catch (NoSuchKeyException e) {
      throw new ObjectNotFoundException(
          ref.getUri(), "no key " + key + " in bucket " + bucketOf(ref.getUri()), e);
    } catch (SdkException e) {
      throw translate(ref.getUri(), "getting", e);
    }
    return ObjectRefs.verify(ref, bytes);
  }

  @Override
  public Optional<byte[]> read(String key) {
    String uri = uriOf(ObjectKeys.requireValidKey(key));
    ResponseBytes<GetObjectResponse> response;
    try {
      response = s3.getObjectAsBytes(request -> request.bucket(bucket).key(keyPrefix + key));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw translate(uri, "reading", e);
    }
    byte[] bytes = response.asByteArrayUnsafe();
    return Optional.of(
        ObjectRefs.verifyRecorded(
            uri, bytes, response.response().metadata().get(ObjectKeys.SHA256_METADATA_KEY)));
  }

  /**
   * The user metadata of an object as S3 returns it, including the {@code sha256} the store added.
   */
  public Map<String, String> metadata(String key) {
    String uri = uriOf(ObjectKeys.requireValidKey(key));
    try {
      return s3.headObject(request -> request.bucket(bucket).key(keyPrefix + key)).metadata();
    } catch (SdkException e) {
      throw translate(uri, "reading metadata of", e);
    }
  }

  @Override
  public List<String> list(String prefix) {
    try {
      return s3
          .listObjectsV2Paginator(request -> request.bucket(bucket).prefix(keyPrefix + prefix))
          .contents()
          .stream()
          .map(S3Object::key)
          .map(key -> key.substring(keyPrefix.length()))
          .sorted()
          .toList();
    } catch (SdkException e) {
      throw translate(config.uri(), "listing " + prefix + " in", e);
    }
  }

  @Override
  public String uriOf(String key) {
    return "s3://" + bucket + "/" + keyPrefix + key;
  }

  @Override
  public void close() {
    s3.close();
  }

  @Override
  public String toString() {
    return "S3ObjectStore["
        + config.uri()
        + " at "
        + (config.endpoint() == null ? "AWS S3" : config.endpoint())
        + "]";
  }

  private String keyOf(String uri) {
    String rest = requireS3(uri).substring("s3://".length());
    int slash = rest.indexOf('/');
    if (slash < 0 || slash == rest.length() - 1) {
      throw new ObjectStoreException(uri, uri + " names no object key (s3://bucket/key)");
    }
    return rest.substring(slash + 1);
  }

  private static String bucketOf(String uri) {
    String rest = uri.substring("s3://".length());
    return rest.substring(0, rest.indexOf('/'));
  }

  private String requireS3(String uri) {
    if (!uri.startsWith("s3://")) {
      throw new ObjectStoreException(
          uri, "the S3 store " + config.uri() + " cannot read " + uri + " (not an s3:// URI)");
    }
    return uri;
  }

  /**
   * Sorts SDK failures into what callers act on: unreachable or overloaded servers are transient, a
   * missing bucket is "not found", anything else (access denied, bad request) is a configuration or
   * data problem.
   */
  private ObjectStoreException translate(String uri, String action, SdkException e) {
    String where = " (" + (config.endpoint() == null ? "AWS S3" : config.endpoint()) + ")";
    if (e instanceof NoSuchBucketException) {
      return new ObjectNotFoundException(uri, "its bucket does not exist" + where, e);
    }
    if (e instanceof S3Exception s3e) {
      int status = s3e.statusCode();
      String message =
          action + " " + uri + where + " failed with HTTP " + status + ": " + s3e.getMessage();
      if (status >= 500 || status == 429) {
        return new ObjectStoreUnavailableException(uri, message, e);
      }
      if (status == 404) {
        return new ObjectNotFoundException(uri, message, e);
      }
      return new ObjectStoreException(uri, message, e);
    }
    if (e instanceof SdkClientException && causedByIo(e)) {
      // A server that refuses the credentials may answer 403 and close the connection before the
      // client has written the body; the client then sees only an I/O error. Ask a bodiless
      // question so that refused credentials are reported as such, not retried as an outage.
      S3Exception refused = refusal();
      if (refused != null) {
        return new ObjectStoreException(
            uri,
            action
                + " "
                + uri
                + where
                + " failed with HTTP "
                + refused.statusCode()
                + ": "
                + refused.getMessage(),
            e);
      }
      return new ObjectStoreUnavailableException(
          uri,
          "object store"
              + where
              + " unreachable while "
              + action
              + " "
              + uri
              + ": "
              + e.getMessage(),
          e);
    }
    return new ObjectStoreException(
        uri, action + " " + uri + where + " failed: " + e.getMessage(), e);
  }

  /** The bucket's answer to a HEAD when it refuses these credentials (401/403), else null. */
  private S3Exception refusal() {
    try {
      s3.headBucket(b -> b.bucket(bucket));
      return null;
    } catch (S3Exception probe) {
      return probe.statusCode() == 401 || probe.statusCode() == 403 ? probe : null;
    } catch (SdkException unreachable) {
      return null;
    }
  }

  private static boolean causedByIo(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException || t instanceof UncheckedIOException) {
        return true;
      }
    }
    return false;
  }
}
