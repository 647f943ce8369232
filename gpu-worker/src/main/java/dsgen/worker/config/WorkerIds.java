package dsgen.worker.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/**
 * A worker id when none is configured: host name plus a short random suffix, unique per process.
 */
final class WorkerIds {
  private WorkerIds() {}

  static String generate() {
    return host() + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String host() {
    String fromEnv = System.getenv("HOSTNAME");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "worker";
    }
  }
}
