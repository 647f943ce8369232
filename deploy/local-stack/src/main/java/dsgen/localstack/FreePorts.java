package dsgen.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Free TCP ports for an ephemeral stack (the controller port must be known before Kafka formats its
 * log dir).
 */
final class FreePorts {

  private FreePorts() {}

  /**
   * Each fixed port as given, each 0 replaced by a port the OS reports free on {@code host} now.
   * The probe sockets stay open until all are chosen, so two zeros never get the same port.
   */
  static int[] resolve(String host, int... ports) {
    List<ServerSocket> probes = new ArrayList<>();
    try {
      int[] resolved = new int[ports.length];
      for (int i = 0; i < ports.length; i++) {
        if (ports[i] != 0) {
          resolved[i] = ports[i];
        } else {
          ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(host));
          probes.add(probe);
          resolved[i] = probe.getLocalPort();
        }
      }
      return resolved;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port on " + host, e);
    } finally {
      for (ServerSocket probe : probes) {
        try {
          probe.close();
        } catch (IOException e) {
          // a probe that cannot be closed only holds a port we did not pick twice
        }
      }
    }
  }
}
