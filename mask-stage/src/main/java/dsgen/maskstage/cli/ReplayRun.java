package dsgen.maskstage.cli;

import static dsgen.kafka.Topics.GENERATIONS;

import dsgen.maskstage.topology.DeadLetterOnUndecodable;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
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
  private final PrintStream progressOut;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  ReplayRun(Settings settings, PrintStream progressOut) {
    this.settings = settings;
    this.progressOut = progressOut;
  }

  static Properties streamsProperties(Settings s) {
    Properties p = new Properties();
    p.putAll(s.kafkaClient());
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, s.applicationId());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, s.threads());
    p.put(StreamsConfig.STATE_DIR_CONFIG, s.stateDir());
    p.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetterOnUndecodable.class.getName());
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, -1);
    // a replay reads the whole history, whatever the group saw before
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    // one generation can take seconds per recipe: few records per poll, and transactions that may
    // last
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 8);
    p.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), 120_000);
    // a re-run after a crash should not wait 45 s for the dead member to be noticed
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 10_000);
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
      KafkaStreams streams = new KafkaStreams(topology, streamsProperties(settings));
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
