package dsgen.maskstage.service;

import static dsgen.kafka.Topics.GENERATIONS;
import static dsgen.kafka.Topics.JOBS;
import static dsgen.kafka.Topics.PAIRS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dsgen.localstack.LocalStack;
import dsgen.localstack.LocalStackExtension;
import dsgen.maskstage.testing.MaskFixtures;
import dsgen.maskstage.testing.ServiceProcess;
import dsgen.maskstage.testing.StackClients;
import dsgen.recipe.Recipe;
import dsgen.recipe.Recipes;
import dsgen.records.Generation;
import dsgen.records.ObjectRef;
import dsgen.records.Pair;
import dsgen.store.ObjectStore;
import dsgen.store.StoreConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged service ({@code quarkus-run.jar}) as a separate process, killed with SIGKILL while
 * generations are flowing, then started again on the same state folder: the dataset ends with
 * exactly N pairs per recipe.
 */
@ExtendWith(LocalStackExtension.class)
class MaskStageCrashIT {

  private static final int N = 24;
  private static final String JOB = "crash-job";
  private static final String DATASET = "crash-cats";
  private static final List<Recipe> RECIPES =
      List.of(
          Recipes.resolve("diffumask", Map.of(), 32),
          Recipes.resolve("dataset-diffusion", Map.of(), 32));

  @TempDir Path temp;

  @Test
  @Timeout(300)
  void killedMidStreamAndRestartedEndsWithExactlyNPairsPerRecipe(LocalStack stack)
      throws Exception {
    String bootstrap = stack.bootstrapServers();
    List<Generation> generations = publishJobAndUpload(stack);
    Path stateDir = temp.resolve("state");

    // a stale transaction of the killed instance is fenced when it restarts on the same state
    // folder; the
    // shorter timeout only bounds the wait if that ever failed
    Map<String, String> env = Map.of("DSGEN_MASK_STAGE_TRANSACTION_TIMEOUT_MS", "20000");
    ServiceProcess first = ServiceProcess.start(stack, stateDir, temp.resolve("first.log"), env);
    List<Pair> beforeKill;
    try (KafkaProducer<byte[], byte[]> producer = StackClients.producer(bootstrap)) {
      // the first half, then the kill as soon as pairs are being committed, then the rest
      for (Generation g : generations.subList(0, N / 2)) {
        StackClients.send(producer, GENERATIONS, g.getImageId(), g);
      }
      beforeKill =
          StackClients.awaitCommitted(
              bootstrap, PAIRS, list -> !list.isEmpty(), Duration.ofSeconds(120));
      assertEquals(
          137, first.kill(), "killed by SIGKILL"); // no shutdown hook, no commit, no LeaveGroup
      for (Generation g : generations.subList(N / 2, N)) {
        StackClients.send(producer, GENERATIONS, g.getImageId(), g);
      }
    }
    assertTrue(
        beforeKill.size() < N * RECIPES.size(),
        "the kill came mid-stream (" + beforeKill.size() + " pairs)");

    try (ServiceProcess second =
        ServiceProcess.start(stack, stateDir, temp.resolve("second.log"), env)) {
      StackClients.awaitCommitted(
          bootstrap, PAIRS, list -> list.size() >= N * RECIPES.size(), Duration.ofSeconds(180));
      Thread.sleep(3000); // anything left over from the killed run would show up now
      List<Pair> pairs = StackClients.readCommitted(bootstrap, PAIRS);
      assertEquals(N * RECIPES.size(), pairs.size(), "exactly N pairs per recipe, no duplicate");
      Map<String, Set<String>> imagesByRecipe =
          pairs.stream()
              .collect(
                  Collectors.groupingBy(
                      p -> p.getRecipe().getRecipeId(),
                      Collectors.mapping(Pair::getImageId, Collectors.toSet())));
      for (Recipe recipe : RECIPES) {
        assertEquals(N, imagesByRecipe.get(recipe.recipeId()).size(), recipe.recipeId());
      }
    }
  }

  private static List<Generation> publishJobAndUpload(LocalStack stack) {
    byte[] attention = MaskFixtures.attention();
    List<String> captured = MaskFixtures.tensorNames(attention);
    Map<String, String> props = stack.serviceProperties();
    List<Generation> generations = new ArrayList<>();
    try (ObjectStore store = ObjectStore.open(StoreConfig.fromProperties(props));
        KafkaProducer<byte[], byte[]> producer = StackClients.producer(stack.bootstrapServers())) {
      Map<String, ObjectRef> objects =
          MaskFixtures.upload(store, JOB, "shared", "g-0", attention, MaskFixtures.image());
      StackClients.send(producer, JOBS, JOB, MaskFixtures.job(JOB, DATASET, RECIPES));
      for (int i = 0; i < N; i++) {
        generations.add(
            MaskFixtures.generation(
                JOB,
                DATASET,
                i,
                "g-" + i,
                objects.get("image"),
                objects.get("attention"),
                captured));
      }
    }
    return generations;
  }
}
