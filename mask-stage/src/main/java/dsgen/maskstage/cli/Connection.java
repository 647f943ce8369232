package dsgen.maskstage.cli;

import dsgen.kafka.ClientSecurity;
import dsgen.store.StoreConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Where the commands find Kafka and the object store. Each setting comes from its flag, else its
 * environment variable (the names the services use, as in the local stack's {@code services.env}),
 * else the files of a local stack started with {@code ./dsgen up} ({@code $DSGEN_LOCAL_STACK_DIR},
 * default {@code $DSGEN_HOME/local-stack}), else the fixed ports of {@code ./dsgen up}.
 */
record Connection(String bootstrapServers, Map<String, Object> kafkaSecurity, StoreConfig store) {

  static final Set<String> OPTIONS =
      Set.of("bootstrap-servers", "store", "s3-endpoint", "s3-region");

  static final String USAGE =
      """
              --bootstrap-servers HOST:PORT   KAFKA_BOOTSTRAP_SERVERS    (default 127.0.0.1:19092, the ./dsgen up broker)
              --store URI                     DSGEN_STORE_URI            (default s3://dsgen)
              --s3-endpoint URL               DSGEN_STORE_S3_ENDPOINT    (default http://127.0.0.1:18081)
              --s3-region REGION              DSGEN_STORE_S3_REGION      (default us-east-1)
              S3 credentials:                 DSGEN_S3_ACCESS_KEY / DSGEN_S3_SECRET_KEY (or DSGEN_STORE_S3_*),
                                              else the local stack's credentials.properties
              Kafka SASL/TLS:                 KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_MECHANISM, KAFKA_SASL_JAAS_CONFIG,
                                              KAFKA_SSL_TRUSTSTORE_LOCATION, ... (as the services read them)""";

  static final String DEFAULT_BOOTSTRAP = "127.0.0.1:19092";
  static final String DEFAULT_STORE = "s3://dsgen";
  static final String DEFAULT_ENDPOINT = "http://127.0.0.1:18081";

  static Connection resolve(Args args, Map<String, String> env) {
    Properties endpoints = stackFile(env, "endpoints.properties");
    Properties credentials = stackFile(env, "credentials.properties");
    String bootstrap =
        args.get("bootstrap-servers")
            .or(() -> envValue(env, "KAFKA_BOOTSTRAP_SERVERS"))
            .or(() -> property(endpoints, "kafka.bootstrap.servers"))
            .orElse(DEFAULT_BOOTSTRAP);
    String uri =
        args.get("store")
            .or(() -> envValue(env, "DSGEN_STORE_URI"))
            .or(() -> property(endpoints, "s3.bucket").map(bucket -> "s3://" + bucket))
            .orElse(DEFAULT_STORE);
    Map<String, Object> security = ClientSecurity.fromEnvironment(env);
    if (uri.startsWith("file:")) {
      return new Connection(bootstrap, security, StoreConfig.localFolder(uri));
    }
    String endpoint =
        args.get("s3-endpoint")
            .or(() -> envValue(env, "DSGEN_STORE_S3_ENDPOINT"))
            .or(() -> property(endpoints, "s3.endpoint"))
            .orElse(DEFAULT_ENDPOINT);
    String region =
        args.get("s3-region")
            .or(() -> envValue(env, "DSGEN_STORE_S3_REGION"))
            .orElse(StoreConfig.DEFAULT_REGION);
    String accessKey =
        envValue(env, "DSGEN_S3_ACCESS_KEY")
            .or(() -> envValue(env, "DSGEN_STORE_S3_ACCESS_KEY"))
            .or(() -> property(credentials, "access-key"))
            .orElse(null);
    String secretKey =
        envValue(env, "DSGEN_S3_SECRET_KEY")
            .or(() -> envValue(env, "DSGEN_STORE_S3_SECRET_KEY"))
            .or(() -> property(credentials, "secret-key"))
            .orElse(null);
    boolean pathStyle =
        envValue(env, "DSGEN_STORE_S3_PATH_STYLE").map(Boolean::parseBoolean).orElse(true);
    return new Connection(
        bootstrap,
        security,
        new StoreConfig(uri, endpoint, region, accessKey, secretKey, pathStyle));
  }

  /** Settings every Kafka client of the commands starts from: the broker and its security. */
  Map<String, Object> kafkaClient() {
    Map<String, Object> p = new HashMap<>(kafkaSecurity);
    p.put("bootstrap.servers", bootstrapServers);
    return p;
  }

  @Override
  public String toString() {
    // the security settings hold secrets (the SASL login line)
    return "Connection[kafka " + bootstrapServers + ", objects " + store.uri() + "]";
  }

  private static Optional<String> envValue(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
  }

  private static Optional<String> property(Properties p, String key) {
    return Optional.ofNullable(p.getProperty(key)).map(String::strip).filter(v -> !v.isEmpty());
  }

  /** A properties file of the local stack's data folder; empty when there is none. */
  private static Properties stackFile(Map<String, String> env, String name) {
    Path dir =
        envValue(env, "DSGEN_LOCAL_STACK_DIR")
            .map(Path::of)
            .or(() -> envValue(env, "DSGEN_HOME").map(home -> Path.of(home, "local-stack")))
            .orElse(null);
    Properties p = new Properties();
    if (dir == null || !Files.isRegularFile(dir.resolve(name))) {
      return p;
    }
    try (InputStream in = Files.newInputStream(dir.resolve(name))) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir.resolve(name), e);
    }
    return p;
  }
}
