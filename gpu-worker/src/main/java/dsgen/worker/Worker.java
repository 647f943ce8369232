package dsgen.worker;

import dsgen.kafka.TopicAdmin;
import dsgen.kafka.Topics;
import dsgen.store.ObjectStore;
import dsgen.worker.config.ConsumptionMode;
import dsgen.worker.config.WorkerSettings;
import dsgen.worker.generate.ImageGenerator;
import dsgen.worker.jobs.JobStateView;
import dsgen.worker.loop.WorkerLoop;
import dsgen.worker.ops.Probes;
import dsgen.worker.ops.Readiness;
import dsgen.worker.ops.WorkerMetrics;
import dsgen.worker.output.CompletionMarkers;
import dsgen.worker.output.DeadLetterPublisher;
import dsgen.worker.output.GenerationObjects;
import dsgen.worker.output.RecordPublisher;
import dsgen.worker.source.ConsumerGroupTaskSource;
import dsgen.worker.source.ShareGroupSettings;
import dsgen.worker.source.ShareGroupTaskSource;
import dsgen.worker.source.TaskSource;
import dsgen.worker.task.TaskValidator;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker: loads the model, connects to the broker and the object store, then runs the {@link
 * WorkerLoop} on its own thread. Plain Java, so the Quarkus service and tests that run several
 * workers in one JVM share it. Everything it opens it closes, in reverse order, when the loop ends.
 */
public final class Worker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

  /** Loads the model for a configuration (the diffusion library in production). */
  @FunctionalInterface
  public interface GeneratorFactory {
    ImageGenerator load(WorkerSettings settings);
  }

  public enum State {
    STARTING,
    RUNNING,
    STOPPED,
    FAILED
  }

  private final WorkerSettings settings;
  private final WorkerMetrics metrics;
  private final GeneratorFactory generatorFactory;
  private final Thread thread;
  private final Deque<AutoCloseable> opened = new ArrayDeque<>();
  private volatile State state = State.STARTING;
  private volatile Throwable failure;
  private volatile boolean stopRequested;
  private volatile Admin admin;
  private volatile ObjectStore store;
  private volatile ImageGenerator generator;
  private volatile WorkerLoop loop;

  public Worker(
      WorkerSettings settings, MeterRegistry registry, GeneratorFactory generatorFactory) {
    this.settings = settings;
    this.metrics = new WorkerMetrics(registry);
    this.generatorFactory = generatorFactory;
    this.thread = new Thread(this::run, "dsgen-worker-" + settings.workerId());
  }

  /** Starts booting and then consuming on the worker thread; returns at once. */
  public Worker start() {
    LOG.info("Starting worker: {}", settings);
    thread.start();
    return this;
  }

  public String id() {
    return settings.workerId();
  }

  public State state() {
    return state;
  }

  /** Why the worker failed, when {@link #state()} is FAILED. */
  public Throwable failure() {
    return failure;
  }

  public WorkerMetrics metrics() {
    return metrics;
  }

  /** The loaded model (device, dtype, engine), or null before it is loaded. */
  public dsgen.worker.generate.ModelInfo model() {
    ImageGenerator g = generator;
    return g == null ? null : g.model();
  }

  /**
   * Model loaded, broker and object store answering, loop running. Probes the broker and the store.
   */
  public Readiness readiness() {
    return new Readiness(
        generator != null,
        Probes.brokerReachable(admin),
        Probes.storeReachable(store),
        state == State.RUNNING);
  }

  private void run() {
    try {
      boot();
      if (!stopRequested) {
        state = State.RUNNING;
        LOG.info(
            "Worker {} consuming {} ({})",
            settings.workerId(),
            Topics.PROMPTS.name(),
            settings.consumption());
        loop.run();
      }
      state = State.STOPPED;
    } catch (RuntimeException | Error e) {
      failure = e;
      state = State.FAILED;
      LOG.error("Worker {} failed", settings.workerId(), e);
    } finally {
      closeOpened();
    }
  }

  private void boot() {
    Map<String, Object> client = new HashMap<>(settings.kafka());
    admin = open(Admin.create(withClientId(client, "admin")));
    if (settings.topics().createMissing()) {
      TopicAdmin.createMissing(admin, settings.topics().used());
    }
    if (settings.consumption() == ConsumptionMode.SHARE_GROUP) {
      TopicAdmin.shareGroupFromEarliest(admin, settings.groupId());
      if (!settings.lockDuration().isZero()) {
        ShareGroupSettings.setLockDuration(admin, settings.groupId(), settings.lockDuration());
      }
    }
    store = open(ObjectStore.open(settings.store()));
    long t0 = System.nanoTime();
    generator = open(generatorFactory.load(settings));
    LOG.info(
        "Model {} loaded in {} ms ({} {}, {})",
        generator.model().modelId(),
        (System.nanoTime() - t0) / 1_000_000,
        generator.model().device(),
        generator.model().dtype(),
        generator.model().limits());
    metrics.model(generator.model());
    RecordPublisher publisher =
        open(new RecordPublisher(withClientId(client, "producer"), settings.publishTimeout()));
    JobStateView jobs =
        open(new JobStateView(withClientId(client, "jobs"), settings.workerId() + "-jobs"));
    jobs.start();
    awaitJobs(jobs);
    TaskSource source =
        settings.consumption() == ConsumptionMode.SHARE_GROUP
            ? new ShareGroupTaskSource(
                withClientId(client, "tasks"),
                settings.groupId(),
                Topics.PROMPTS.name(),
                settings.batchSize(),
                settings.renewLocks(),
                settings.lockDuration())
            : new ConsumerGroupTaskSource(
                withClientId(client, "tasks"),
                settings.groupId(),
                Topics.PROMPTS.name(),
                settings.batchSize());
    TaskValidator validator =
        new TaskValidator(generator.model().limits(), settings.captureProfile());
    ObjectStore s = store;
    loop =
        WorkerLoop.create(
            settings,
            source,
            validator,
            jobs::isCancelled,
            generator,
            new GenerationObjects(s),
            new CompletionMarkers(s),
            publisher,
            new DeadLetterPublisher(publisher, settings.workerId()),
            metrics,
            () -> Probes.storeReachable(s));
  }

  /**
   * Before the first task: a cancelled job's tasks must not be generated just because the view
   * lagged.
   */
  private void awaitJobs(JobStateView jobs) {
    try {
      if (!jobs.awaitCaughtUp(settings.jobsCatchUpTimeout())) {
        LOG.warn(
            "Job states not read within {}; starting anyway (cancellations apply once read)",
            settings.jobsCatchUpTimeout());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading job states", e);
    }
  }

  /**
   * Graceful stop: no more acquiring, the batch in hand finishes or is released within the shutdown
   * deadline. Blocks until the worker thread ended or the deadline plus a grace period passed.
   */
  public boolean stop() {
    stopRequested = true;
    WorkerLoop l = loop;
    if (l != null) {
      l.stop(settings.shutdownDeadline());
    }
    try {
      thread.join(settings.shutdownDeadline().plus(Duration.ofSeconds(15)).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return !thread.isAlive();
  }

  @Override
  public void close() {
    stop();
  }

  private <T extends AutoCloseable> T open(T resource) {
    opened.push(resource);
    return resource;
  }

  private void closeOpened() {
    while (!opened.isEmpty()) {
      AutoCloseable c = opened.pop();
      try {
        c.close();
      } catch (Exception e) {
        LOG.warn("Closing {} failed: {}", c.getClass().getSimpleName(), e.toString());
      }
    }
  }

  private Map<String, Object> withClientId(Map<String, Object> client, String role) {
    Map<String, Object> props = new HashMap<>(client);
    props.put(
        CommonClientConfigs.CLIENT_ID_CONFIG, "dsgen-worker-" + settings.workerId() + "-" + role);
    return props;
  }
}
