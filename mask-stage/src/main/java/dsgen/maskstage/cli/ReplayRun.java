package dsgen.maskstage.cli;

import static dsgen.kafka.Topics.GENERATIONS;

import dsgen.maskstage.StageStreamsConfig;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

/**
 * Runs a replay topology until it has caught up with dsgen.generations as it was when the run
 * started, showing progress, then leaves the group so a later run with the same application id
 * starts without waiting.
 */
final class ReplayRun {

  /** How the run ended. */
  enum Result {
    NOTHING_NEW,
    CAUGHT_UP,
    FAILED,
    TIMED_OUT
  }

  /**
   * @param threads stream threads
   * @param stateDir folder of the replay's done-pairs store; keeping it makes a re-run resume
   *     cheaply
   */
  record Settings(
      String applicationId,
      Map<String, Object> kafkaClient,
      int threads,
      String stateDir,
      Duration timeout) {}

  private final Settings settings;
  private final Map<String, String> env;
  private final PrintStream progressOut;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  /**
   * @param env environment the mask stage's Streams settings are resolved against
   */
  ReplayRun(Settings settings, Map<String, String> env, PrintStream progressOut) {
    this.settings = settings;
    this.env = env;
    this.progressOut = progressOut;
  }

  /**
   * The mask stage's own Streams configuration ({@link StageStreamsConfig}), with what makes this a
   * replay: the Kafka client settings, its application id, threads and state folder.
   */
  static Properties streamsProperties(Settings s, Map<String, String> env) {
    Properties p = StageStreamsConfig.load(env);
    p.putAll(s.kafkaClient());
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, s.applicationId());
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, s.threads());
    p.put(StreamsConfig.STATE_DIR_CONFIG, s.stateDir());
    // a replay reads the whole history, whatever the group saw before
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    return p;
  }

  Result run(Topology topology) throws InterruptedException {
    try (Admin admin = Admin.create(settings.kafkaClient())) {
      Map<TopicPartition, Long> earliest =
          CatchUp.offsets(admin, GENERATIONS.name(), OffsetSpec.earliest());
      Map<TopicPartition, Long> end =
          CatchUp.offsets(admin, GENERATIONS.name(), OffsetSpec.latest());
      CatchUp.Progress progress =
          CatchUp.progress(
              earliest,
              end,
              CatchUp.committed(admin, settings.applicationId(), GENERATIONS.name()));
      if (progress.caughtUp()) {
        return Result.NOTHING_NEW;
      }
      KafkaStreams streams = new KafkaStreams(topology, streamsProperties(settings, env));
      CountDownLatch closed = new CountDownLatch(1);
      Thread hook =
          new Thread(
              () -> {
                close(streams);
                closed.countDown();
              },
              "replay-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      streams.setUncaughtExceptionHandler(
          error -> {
            failure.set(error);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
          });
      try {
        streams.start();
        return await(admin, streams, earliest, end);
      } finally {
        Runtime.getRuntime().removeShutdownHook(hook);
        close(streams);
      }
    }
  }

  Throwable failure() {
    return failure.get();
  }

  private Result await(
      Admin admin,
      KafkaStreams streams,
      Map<TopicPartition, Long> earliest,
      Map<TopicPartition, Long> end)
      throws InterruptedException {
    long deadline = System.nanoTime() + settings.timeout().toNanos();
    ProgressLine line = new ProgressLine(progressOut);
    while (true) {
      Thread.sleep(500);
      KafkaStreams.State state = streams.state();
      if (state == KafkaStreams.State.ERROR
          || state == KafkaStreams.State.NOT_RUNNING
          || state == KafkaStreams.State.PENDING_ERROR) {
        line.finish();
        return Result.FAILED;
      }
      CatchUp.Progress progress =
          CatchUp.progress(
              earliest,
              end,
              CatchUp.committed(admin, settings.applicationId(), GENERATIONS.name()));
      line.show(progress, state);
      if (progress.caughtUp()) {
        line.finish();
        return Result.CAUGHT_UP;
      }
      if (System.nanoTime() > deadline) {
        line.finish();
        return Result.TIMED_OUT;
      }
    }
  }

  private static void close(KafkaStreams streams) {
    streams.close(
        CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
            .withTimeout(Duration.ofSeconds(30)));
  }
}
