package dsgen.worker.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The worker's own {@code dsgen.} keys (the shared {@code dsgen.store.*} keys are read by {@link
 * dsgen.store.StoreConfig}). Defaults and the one-line descriptions live in {@code
 * application.properties} (checked against the README table by a test), so this interface only
 * gives the keys their types; {@link WorkerSettings#from} turns it into the plain settings the
 * worker runs on.
 */
@ConfigMapping(prefix = "dsgen")
public interface WorkerConfig {

  Model model();

  Worker worker();

  Topics topics();

  interface Model {
    Path dir();

    String device();

    String dtype();

    Optional<String> id();
  }

  interface Worker {
    Optional<String> id();

    String groupId();

    ConsumptionMode consumption();

    int batchSize();

    String captureProfile();

    Duration pollTimeout();

    Lock lock();

    int maxDeliveries();

    Duration storeRetryTimeout();

    Duration publishTimeout();

    Backoff backoff();

    Duration shutdownDeadline();

    Duration jobsCatchUpTimeout();
  }

  interface Lock {
    boolean renew();

    Duration duration();
  }

  interface Backoff {
    Duration initial();

    Duration max();
  }

  interface Topics {
    boolean createMissing();

    PerTopic jobs();

    PerTopic prompts();

    PerTopic generations();

    @WithName("dead-letters")
    PerTopic deadLetters();

    interface PerTopic {
      int partitions();
    }
  }
}
