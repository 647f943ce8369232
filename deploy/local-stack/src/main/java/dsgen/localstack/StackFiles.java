package dsgen.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;

/**
 * The files `./dsgen up` keeps next to the data in its folder.
 *
 * <ul>
 *   <li>{@code stack.pid}: pid of the running stack, written last once both servers answer (the
 *       readiness signal)
 *   <li>{@code endpoints.properties}: where the running stack listens (no secret), read by `status`
 *   <li>{@code services.env}: the services' configuration as environment variables, secret included
 *       (owner-only)
 *   <li>{@code credentials.properties}: the S3 access key and secret key of this folder
 *       (owner-only)
 *   <li>{@code stack.log}: output of a detached stack
 * </ul>
 */
record StackFiles(Path dataDir) {

  Path pidFile() {
    return dataDir.resolve("stack.pid");
  }

  Path logFile() {
    return dataDir.resolve("stack.log");
  }

  Path endpointsFile() {
    return dataDir.resolve("endpoints.properties");
  }

  Path servicesEnvFile() {
    return dataDir.resolve("services.env");
  }

  Path credentialsFile() {
    return dataDir.resolve("credentials.properties");
  }

  OptionalLong readPid() {
    try {
      String text = Files.readString(pidFile(), StandardCharsets.UTF_8).strip();
      return text.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(text));
    } catch (NoSuchFileException e) {
      return OptionalLong.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + pidFile(), e);
    } catch (NumberFormatException e) {
      throw new IllegalStateException(pidFile() + " does not hold a pid: " + e.getMessage(), e);
    }
  }

  /**
   * Endpoints, the pid file last: a reader that sees the pid file finds everything else in place.
   */
  void writeRunning(LocalStack stack, long pid) {
    Properties endpoints = new Properties();
    endpoints.setProperty("kafka.bootstrap.servers", stack.bootstrapServers());
    endpoints.setProperty("kafka.controller.port", Integer.toString(stack.controllerPort()));
    endpoints.setProperty("s3.endpoint", stack.s3Endpoint().toString());
    endpoints.setProperty("s3.bucket", stack.bucket());
    endpoints.setProperty("s3.region", stack.region());
    endpoints.setProperty("s3.access-key", stack.accessKey());
    endpoints.setProperty("pid", Long.toString(pid));
    writeProperties(
        endpointsFile(),
        endpoints,
        "where the running local stack listens (no secrets here)",
        false);
    writeAtomically(servicesEnvFile(), servicesEnv(stack.serviceProperties()), true);
    writeAtomically(pidFile(), pid + "\n", false);
  }

  Optional<Properties> readEndpoints() {
    return readProperties(endpointsFile());
  }

  void deleteRunning() {
    try {
      Files.deleteIfExists(pidFile());
      Files.deleteIfExists(endpointsFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + pidFile() + " or " + endpointsFile(), e);
    }
  }

  Optional<Properties> readProperties(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return Optional.of(p);
  }

  /** Writes a properties file, readable by the owner only when it holds a secret. */
  void writeProperties(Path file, Properties p, String comment, boolean secret) {
    StringWriter text = new StringWriter();
    try {
      p.store(text, comment);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot format " + file, e);
    }
    writeAtomically(file, text.toString(), secret);
  }

  /**
   * Quarkus reads {@code dsgen.store.s3.secret-key} from {@code DSGEN_STORE_S3_SECRET_KEY}, and so
   * on.
   */
  static String servicesEnv(Map<String, String> serviceProperties) {
    StringBuilder env =
        new StringBuilder(
            "# dsgen services -> local stack; use: set -a; . ./services.env; set +a\n");
    serviceProperties.forEach(
        (key, value) ->
            env.append(key.toUpperCase().replaceAll("[^A-Z0-9]", "_"))
                .append('=')
                .append(value)
                .append('\n'));
    return env.toString();
  }

  private void writeAtomically(Path file, String text, boolean secret) {
    try {
      Files.createDirectories(dataDir);
      Path tmp = Files.createTempFile(dataDir, file.getFileName().toString(), ".tmp");
      Files.setPosixFilePermissions(
          tmp, PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--"));
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
