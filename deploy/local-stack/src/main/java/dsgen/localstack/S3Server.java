package dsgen.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An S3 API server (S3Proxy) in this JVM, storing objects as files under one folder ({@code
 * <folder>/<bucket>/<key>}). Clients must sign requests (AWS v2 or v4) with the configured
 * credentials, as against real S3.
 */
final class S3Server {

  private static final Logger LOG = LoggerFactory.getLogger(S3Server.class);

  private final String host;
  private final int port;
  private final Path folder;
  private final String accessKey;
  private final String secretKey;
  private S3Proxy proxy;

  S3Server(String host, int port, Path folder, String accessKey, String secretKey) {
    this.host = host;
    this.port = port;
    this.folder = folder;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
  }

  URI endpoint() {
    return URI.create("http://" + host + ":" + port);
  }

  int port() {
    return port;
  }

  synchronized boolean running() {
    return proxy != null;
  }

  synchronized void start(Duration timeout) {
    if (proxy != null) {
      throw new IllegalStateException("S3 API server on " + endpoint() + " is already running");
    }
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the object folder " + folder, e);
    }
    Properties blobStoreProps = new Properties();
    // S3Proxy 4 kept the jclouds property names although it no longer uses jclouds
    blobStoreProps.setProperty("jclouds.filesystem.basedir", folder.toString());
    S3Proxy started =
        S3Proxy.builder()
            .blobStore(BlobStores.create("filesystem-nio2", blobStoreProps))
            .endpoint(endpoint())
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
            .build();
    try {
      started.start();
      awaitStarted(started, timeout);
    } catch (Exception e) {
      stopQuietly(started);
      throw new IllegalStateException(
          "S3 API server could not start on " + endpoint() + ": " + e.getMessage(), e);
    }
    proxy = started;
  }

  synchronized void stop() {
    if (proxy == null) {
      return;
    }
    S3Proxy running = proxy;
    proxy = null;
    try {
      running.stop();
    } catch (Exception e) {
      throw new IllegalStateException(
          "S3 API server on " + endpoint() + " did not stop: " + e.getMessage(), e);
    }
  }

  private static void awaitStarted(S3Proxy proxy, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!"STARTED".equals(proxy.getState())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "still " + proxy.getState() + " after " + timeout.toMillis() + " ms");
      }
      Thread.sleep(5);
    }
  }

  private static void stopQuietly(S3Proxy proxy) {
    try {
      proxy.stop();
    } catch (Exception e) {
      LOG.warn("S3 API server did not stop cleanly after a failed start: {}", e.toString());
    }
  }
}
