package dsgen.localstack;

import java.util.Map;
import java.util.Properties;

/**
 * The S3 credentials of a persistent stack. The secret never appears on a command line or in a log:
 * it comes from {@code DSGEN_S3_SECRET_KEY} or from the data folder's owner-only {@code
 * credentials.properties}, created with a random secret by the first `up`.
 *
 * @param where a sentence saying where the secret is configured (printed instead of the secret)
 */
record Credentials(String accessKey, String secretKey, String where) {

  private static final String ACCESS = "access-key";
  private static final String SECRET = "secret-key";

  static Credentials resolve(StackFiles files, Map<String, String> env, String accessKeyOption) {
    Properties stored =
        files
            .readProperties(files.credentialsFile())
            .orElseGet(
                () -> {
                  Properties created = new Properties();
                  created.setProperty(ACCESS, LocalStackConfig.DEFAULT_ACCESS_KEY);
                  created.setProperty(SECRET, LocalStackConfig.randomSecret());
                  files.writeProperties(
                      files.credentialsFile(),
                      created,
                      "S3 credentials of this local stack (created by the first `./dsgen up`)",
                      true);
                  return created;
                });
    String accessKey =
        accessKeyOption != null
            ? accessKeyOption
            : stored.getProperty(ACCESS, LocalStackConfig.DEFAULT_ACCESS_KEY);
    String envSecret = env.get("DSGEN_S3_SECRET_KEY");
    if (envSecret != null && !envSecret.isBlank()) {
      return new Credentials(accessKey, envSecret, "environment variable DSGEN_S3_SECRET_KEY");
    }
    String secret = stored.getProperty(SECRET);
    if (secret == null || secret.isBlank()) {
      throw new IllegalStateException(
          files.credentialsFile() + " has no " + SECRET + "; add one or set DSGEN_S3_SECRET_KEY");
    }
    return new Credentials(
        accessKey, secret, files.credentialsFile() + " (or set DSGEN_S3_SECRET_KEY)");
  }

  @Override
  public String toString() {
    return "Credentials[accessKey=" + accessKey + ", secretKey=****, where=" + where + "]";
  }
}
