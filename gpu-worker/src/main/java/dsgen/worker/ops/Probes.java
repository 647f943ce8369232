package dsgen.worker.ops;

import dsgen.store.ObjectStore;
import dsgen.store.ObjectStoreException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;

/** Cheap reachability checks for readiness and for holding off acquisition during an outage. */
public final class Probes {
  private static final int TIMEOUT_MS = 3_000;

  /** A prefix no object lives under: listing it costs one request and returns nothing. */
  private static final String PROBE_PREFIX = "health-probe/";

  private Probes() {}

  public static boolean brokerReachable(Admin admin) {
    if (admin == null) {
      return false;
    }
    try {
      return !admin
          .describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS))
          .nodes()
          .get(TIMEOUT_MS + 1_000, TimeUnit.MILLISECONDS)
          .isEmpty();
    } catch (ExecutionException | TimeoutException | KafkaException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  public static boolean storeReachable(ObjectStore store) {
    if (store == null) {
      return false;
    }
    try {
      store.list(PROBE_PREFIX);
      return true;
    } catch (ObjectStoreException | IllegalStateException e) {
      return false;
    }
  }
}
