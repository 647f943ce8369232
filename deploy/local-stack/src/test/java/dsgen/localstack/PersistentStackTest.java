package dsgen.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fixed-port stack on a data folder: a second start reuses the formatted log dir and keeps topics
 * and objects.
 */
class PersistentStackTest {

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void restartOnTheSameFolderKeepsClusterTopicsAndObjects(@TempDir Path dataDir) throws Exception {
    int[] ports = FreePorts.resolve("127.0.0.1", 0, 0, 0);
    LocalStackConfig config =
        LocalStackConfig.persistent(
            dataDir,
            ports[0],
            ports[1],
            ports[2],
            "persistent-test",
            LocalStackConfig.randomSecret());
    String clusterId;
    try (LocalStack first = LocalStack.start(config)) {
      clusterId = clusterId(first);
      StackData.createTopicWithRecords(first, "kept-topic", List.of("one", "two"));
      StackData.putText(first, "kept/object.txt", "still here");
    }
    assertTrue(
        Files.isRegularFile(dataDir.resolve("kafka/meta.properties")),
        "data folder kept after close");
    assertTrue(
        Files.isRegularFile(
            dataDir.resolve("objects").resolve(config.bucket()).resolve("kept/object.txt")));

    try (LocalStack second = LocalStack.start(config)) {
      assertEquals(clusterId, clusterId(second), "log dir reformatted: cluster id changed");
      assertTrue(StackData.topics(second).contains("kept-topic"));
      assertEquals(List.of("one", "two"), StackData.readAll(second, "kept-topic", 2));
      assertEquals("still here", StackData.getText(second, "kept/object.txt"));
    }
  }

  private static String clusterId(LocalStack stack) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
      return admin.describeCluster().clusterId().get();
    }
  }
}
