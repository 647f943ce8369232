package dsgen.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free TCP ports for an ephemeral stack (the controller port must be known before Kafka formats its log dir). */
final class FreePorts {

    private FreePorts() {
    }

    /** {@code port} itself when fixed, otherwise a port the OS reports free on {@code host} right now. */
    static int resolve(int port, String host) {
        if (port != 0) {
            return port;
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on " + host, e);
        }
    }
}
