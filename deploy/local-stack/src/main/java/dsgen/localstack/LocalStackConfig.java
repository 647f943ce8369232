package dsgen.localstack;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Where and how a {@link LocalStack} runs.
 *
 * <p>Two shapes: {@link #ephemeral()} (tests: free ports, a temporary folder deleted on close) and
 * {@link #persistent} (`./dsgen up`: fixed ports, a data folder kept across restarts). A persistent
 * stack needs fixed ports because the KRaft controller's address is written into the metadata log
 * when the folder is formatted.
 *
 * @param host address every listener binds to and advertises (loopback: the stack is for this
 *     machine)
 * @param kafkaPort broker (PLAINTEXT) port; 0 = pick a free port at start
 * @param controllerPort KRaft controller port; 0 = pick a free port at start
 * @param s3Port S3 API port; 0 = pick a free port at start
 * @param dataDir folder holding the Kafka log dir and the objects; {@code null} = a temporary
 *     folder deleted on close
 * @param bucket bucket created at start (if missing)
 * @param region region the S3 clients sign for
 * @param accessKey S3 access key the server accepts
 * @param secretKey S3 secret key the server accepts (never logged, masked by {@link #toString()})
 */
public record LocalStackConfig(
    String host,
    int kafkaPort,
    int controllerPort,
    int s3Port,
    Path dataDir,
    String bucket,
    String region,
    String accessKey,
    String secretKey) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final String DEFAULT_BUCKET = "dsgen";
  public static final String DEFAULT_REGION = "us-east-1";
  public static final String DEFAULT_ACCESS_KEY = "dsgen-local";

  public LocalStackConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(accessKey, "accessKey");
    Objects.requireNonNull(secretKey, "secretKey");
    checkPort("kafkaPort", kafkaPort);
    checkPort("controllerPort", controllerPort);
    checkPort("s3Port", s3Port);
    if (dataDir != null && (kafkaPort == 0 || controllerPort == 0 || s3Port == 0)) {
      throw new IllegalArgumentException(
          "a persistent stack (dataDir "
              + dataDir
              + ") needs fixed ports, got kafka "
              + kafkaPort
              + ", controller "
              + controllerPort
              + ", s3 "
              + s3Port);
    }
    if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
      throw new IllegalArgumentException("bucket '" + bucket + "' is not a valid S3 bucket name");
    }
    if (accessKey.isBlank() || secretKey.isBlank()) {
      throw new IllegalArgumentException("S3 access key and secret key must not be blank");
    }
  }

  /**
   * Free ports, a temporary folder deleted on close, and a fresh random secret (so nothing can rely
   * on a fixed one).
   */
  public static LocalStackConfig ephemeral() {
    return new LocalStackConfig(
        DEFAULT_HOST,
        0,
        0,
        0,
        null,
        DEFAULT_BUCKET,
        DEFAULT_REGION,
        DEFAULT_ACCESS_KEY,
        randomSecret());
  }

  /**
   * Fixed ports and a data folder that survives restarts; a folder formatted before is reused,
   * never reformatted.
   */
  public static LocalStackConfig persistent(
      Path dataDir,
      int kafkaPort,
      int controllerPort,
      int s3Port,
      String accessKey,
      String secretKey) {
    return new LocalStackConfig(
        DEFAULT_HOST,
        kafkaPort,
        controllerPort,
        s3Port,
        Objects.requireNonNull(dataDir, "dataDir").toAbsolutePath(),
        DEFAULT_BUCKET,
        DEFAULT_REGION,
        accessKey,
        secretKey);
  }

  public LocalStackConfig withBucket(String newBucket) {
    return new LocalStackConfig(
        host, kafkaPort, controllerPort, s3Port, dataDir, newBucket, region, accessKey, secretKey);
  }

  public LocalStackConfig withCredentials(String newAccessKey, String newSecretKey) {
    return new LocalStackConfig(
        host,
        kafkaPort,
        controllerPort,
        s3Port,
        dataDir,
        bucket,
        region,
        newAccessKey,
        newSecretKey);
  }

  /** True when the stack owns a temporary folder that is deleted on close. */
  public boolean temporary() {
    return dataDir == null;
  }

  /** 32 hex characters from a cryptographic source. */
  public static String randomSecret() {
    byte[] bytes = new byte[16];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static void checkPort(String name, int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(name + " " + port + " is not a TCP port (0 = free port)");
    }
  }

  @Override
  public String toString() {
    return "LocalStackConfig[host="
        + host
        + ", kafkaPort="
        + kafkaPort
        + ", controllerPort="
        + controllerPort
        + ", s3Port="
        + s3Port
        + ", dataDir="
        + (dataDir == null ? "<temporary>" : dataDir)
        + ", bucket="
        + bucket
        + ", region="
        + region
        + ", accessKey="
        + accessKey
        + ", secretKey=****]";
  }
}
