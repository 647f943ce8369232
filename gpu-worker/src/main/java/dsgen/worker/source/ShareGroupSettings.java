package dsgen.worker.source;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigResource;

/** Group-level settings of the workers' share group. */
public final class ShareGroupSettings {
  private ShareGroupSettings() {}

  /**
   * Sets how long an acquired task stays locked to its worker ({@code
   * share.record.lock.duration.ms} of the group). The broker bounds it by {@code
   * group.share.min/max.record.lock.duration.ms} (15 s .. 60 s by default).
   */
  public static void setLockDuration(Admin admin, String groupId, Duration lock) {
    ConfigResource group = new ConfigResource(ConfigResource.Type.GROUP, groupId);
    AlterConfigOp op =
        new AlterConfigOp(
            new ConfigEntry("share.record.lock.duration.ms", Long.toString(lock.toMillis())),
            AlterConfigOp.OpType.SET);
    try {
      admin.incrementalAlterConfigs(Map.of(group, List.of(op))).all().get();
    } catch (ExecutionException e) {
      throw new IllegalArgumentException(
          "dsgen.worker.lock.duration="
              + lock
              + " refused by the broker for group "
              + groupId
              + " (it must lie within group.share.min/max.record.lock.duration.ms): "
              + e.getCause().getMessage(),
          e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("interrupted while setting the lock duration of " + groupId, e);
    }
  }
}
