package dsgen.maskstage.bench;

import static dsgen.kafka.Topics.GENERATIONS;

import dsgen.kafka.TopicAdmin;
import dsgen.kafka.Topics;
import dsgen.localstack.LocalStack;
import dsgen.localstack.LocalStackConfig;
import dsgen.maskstage.cli.ReplayCommand;
import dsgen.maskstage.testing.MaskFixtures;
import dsgen.maskstage.testing.StackClients;
import dsgen.records.Generation;
import dsgen.records.ObjectRef;
import dsgen.store.ObjectStore;
import dsgen.store.StoreConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * Pairs per second per stream thread of the mask stage, and where a pair's time goes (fetch +
 * decode, mask, encode + write), on the tiny model's golden attention file ({@code
 * fixtures/tiny-sd2-golden}, 256², R 32, float32, every tensor). Starts an ephemeral local stack,
 * publishes N generations, and runs the stage's topology through {@code ./dsgen replay}, which
 * prints the figures.
 *
 * <pre>
 * java -cp "mask-stage/target/test-classes:mask-stage/target/classes:$(cat mask-stage/target/test-classpath.txt)" \
 *     -Ddsgen.fixtures=fixtures dsgen.maskstage.bench.PairThroughput [generations] [threads] [method] [k=v ...]
 * </pre>
 */
public final class PairThroughput {

  private PairThroughput() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    String method = args.length > 2 ? args[2] : "diffumask";
    Path golden = MaskFixtures.fixtures().resolve("tiny-sd2-golden");
    byte[] attention = Files.readAllBytes(golden.resolve("attention.safetensors"));
    byte[] image = Files.readAllBytes(golden.resolve("image.png"));
    Path state = Files.createTempDirectory("pair-throughput");

    try (LocalStack stack = LocalStack.start(LocalStackConfig.ephemeral());
        ObjectStore store =
            ObjectStore.open(StoreConfig.fromProperties(stack.serviceProperties()))) {
      try (Admin admin =
          Admin.create(
              Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
        TopicAdmin.createMissing(admin, Topics.all());
      }
      Map<String, ObjectRef> objects =
          MaskFixtures.upload(store, "bench", "shared", "g-0", attention, image);
      List<String> captured = MaskFixtures.tensorNames(attention);
      try (KafkaProducer<byte[], byte[]> producer =
          StackClients.producer(stack.bootstrapServers())) {
        for (int i = 0; i < n; i++) {
          Generation g =
              MaskFixtures.generation(
                  "bench",
                  "bench",
                  i,
                  "g-" + i,
                  objects.get("image"),
                  objects.get("attention"),
                  captured);
          StackClients.send(producer, GENERATIONS, g.getImageId(), g);
        }
      }
      List<String> replay =
          new ArrayList<>(
              List.of(
                  "--recipe",
                  method,
                  "--threads",
                  Integer.toString(threads),
                  "--state-dir",
                  state.toString(),
                  "--timeout",
                  "30m"));
      for (int i = 3; i < args.length; i++) {
        replay.add("--param");
        replay.add(args[i]);
      }
      System.out.printf(
          "%d generations of tiny-sd2-golden (%.1f MB attention), %s, %d stream thread(s), "
              + "load average %.1f%n",
          n,
          attention.length / 1e6,
          method,
          threads,
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      int code =
          ReplayCommand.run(
              replay.toArray(String[]::new),
              Map.of(
                  "KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers(),
                  "DSGEN_STORE_URI", "s3://" + stack.bucket(),
                  "DSGEN_STORE_S3_ENDPOINT", stack.s3Endpoint().toString(),
                  "DSGEN_S3_ACCESS_KEY", stack.accessKey(),
                  "DSGEN_S3_SECRET_KEY", stack.secretKey()),
              System.out,
              System.err);
      System.exit(code);
    }
  }
}
