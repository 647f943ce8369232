package dsgen.maskstage.cli;

import static dsgen.kafka.Topics.GENERATIONS;

import dsgen.kafka.AvroClassTrust;
import dsgen.maskstage.MaskStage;
import dsgen.maskstage.StageOptions;
import dsgen.maskstage.dataset.VocLabelPng;
import dsgen.maskstage.pair.LibraryMaskComputer;
import dsgen.maskstage.pair.RecipeRequest;
import dsgen.maskstage.topology.RecipeSelection;
import dsgen.recipe.Recipes;
import dsgen.store.ObjectStore;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code ./dsgen replay --recipe METHOD [--param k=v ...] [--job ID] [--dataset NAME]}: recomputes
 * masks from dsgen.generations with a recipe of your choice, into a new dataset folder per
 * (dataset, recipeId). Runs the service's topology under its own application id from the earliest
 * offset and stops once it has caught up. Nothing is generated again.
 */
public final class ReplayCommand {

  static final String USAGE =
      """
            usage: ./dsgen replay --recipe METHOD [--param k=v ...] [--job ID] [--dataset NAME] [options]
              --recipe METHOD        seediff | seediff-code | dataset-diffusion | diffumask | pcc
              --param k=v            a recipe parameter (repeatable; lists comma-separated), defaults as in docs/algorithms.md#recipes
              --job ID               only generations of this job
              --dataset NAME         only generations of this dataset
              --threads N            stream threads (default 1)
              --state-dir DIR        replay state (default $DSGEN_HOME/replay-state)
              --timeout DURATION     give up after this long (default 2h; e.g. 90s, 10m)
            """
          + Connection.USAGE;

  private static final Set<String> OPTIONS = options();

  private ReplayCommand() {}

  public static void main(String[] argv) throws InterruptedException {
    CliLogging.install();
    System.exit(run(argv, System.getenv(), System.out, System.err));
  }

  /**
   * @return the process exit code: 0 caught up, 1 failed or timed out, 2 bad command line
   */
  public static int run(String[] argv, Map<String, String> env, PrintStream out, PrintStream err)
      throws InterruptedException {
    AvroClassTrust.install();
    Args args;
    RecipeSelection.Replay replay;
    ReplayRun.Settings settings;
    Connection connection;
    try {
      args = Args.parse(argv, OPTIONS);
      replay = selection(args);
      connection = Connection.resolve(args, env);
      settings =
          new ReplayRun.Settings(
              applicationId(replay),
              connection.kafkaClient(),
              positive("threads", args.get("threads").orElse("1")),
              args.get("state-dir").orElseGet(() -> defaultStateDir(env)),
              parseDuration(args.get("timeout").orElse("2h")));
    } catch (Args.UsageException | IllegalArgumentException e) {
      err.println("dsgen replay: " + e.getMessage());
      err.print(USAGE);
      return 2;
    }
    String problem = KafkaReachable.problem(connection.kafkaClient(), GENERATIONS.name());
    if (problem != null) {
      err.println("dsgen replay: " + problem);
      return 1;
    }
    String applicationId = settings.applicationId();
    out.println("replay " + describe(replay) + " as application " + applicationId);
    out.println(
        "  kafka " + connection.bootstrapServers() + ", objects " + connection.store().uri());

    ReplayMetrics metrics = new ReplayMetrics();
    long start = System.nanoTime();
    ReplayRun.Result result;
    ReplayRun run = new ReplayRun(settings, err);
    try (ObjectStore store = ObjectStore.open(connection.store())) {
      var makePairs =
          MaskStage.makePairs(
              store,
              new LibraryMaskComputer(),
              new VocLabelPng(),
              metrics,
              StageOptions.defaults("replay-" + applicationId),
              Clock.systemUTC());
      result = run.run(MaskStage.topology(replay, makePairs));
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (result != ReplayRun.Result.NOTHING_NEW) {
      summarize(out, metrics, seconds, settings.threads());
    }
    switch (result) {
      case NOTHING_NEW -> {
        out.println(
            "nothing new: this replay has already processed every generation in its scope;"
                + " its dataset folder is complete");
        return 0;
      }
      case CAUGHT_UP -> {
        return 0;
      }
      case TIMED_OUT ->
          err.println(
              "dsgen replay: not caught up after "
                  + settings.timeout()
                  + "; run the same command again to continue where it stopped");
      case FAILED ->
          err.println(
              "dsgen replay: Kafka Streams stopped: "
                  + Optional.ofNullable(run.failure())
                      .map(Throwable::toString)
                      .orElse("see the log above"));
    }
    return 1;
  }

  private static int positive(String option, String text) {
    try {
      int n = Integer.parseInt(text);
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new Args.UsageException(
        "--" + option + " must be a whole number >= 1, got '" + text + "'");
  }

  static RecipeSelection.Replay selection(Args args) {
    String method = args.require("recipe");
    Map<String, String> params = args.keyValues("param");
    validate(method, params);
    return new RecipeSelection.Replay(
        List.of(new RecipeRequest.Spec(method, params)), args.get("job"), args.get("dataset"));
  }

  /**
   * Checks method and parameter names now rather than in a dead letter per generation. Values are
   * checked per generation, because their valid range depends on the image size (top resolution R =
   * width / 8).
   */
  private static void validate(String method, Map<String, String> params) {
    IllegalArgumentException first = null;
    for (int topResolution : new int[] {64, 32, 96, 128, 16}) {
      try {
        Recipes.resolve(method, params, topResolution);
        return;
      } catch (IllegalArgumentException e) {
        first = first == null ? e : first;
      }
    }
    throw first;
  }

  /** The replay's id, which is also its application id: see {@link RecipeSelection.Replay#id}. */
  static String applicationId(RecipeSelection.Replay replay) {
    return replay.id();
  }

  private static String describe(RecipeSelection.Replay replay) {
    RecipeRequest.Spec spec = replay.recipes().get(0);
    return spec.method()
        + (spec.params().isEmpty() ? "" : " " + spec.params())
        + replay.jobId().map(j -> " job=" + j).orElse("")
        + replay.dataset().map(d -> " dataset=" + d).orElse("");
  }

  private static void summarize(
      PrintStream out, ReplayMetrics metrics, double seconds, int threads) {
    out.printf(
        "pairs written: %d, already done: %d, dead letters: %d %s%n",
        metrics.pairs(),
        metrics.alreadyDone(),
        metrics.deadLetters(),
        metrics.deadLetters() == 0 ? "" : metrics.deadLettersByReason().toString());
    metrics.pairsByFolder().forEach((folder, n) -> out.printf("  %s  %d pairs%n", folder, n));
    if (metrics.pairs() > 0) {
      double[] ms = metrics.meanPhaseMs();
      double steady = metrics.steadyPairsPerSecond();
      if (Double.isNaN(steady)) {
        // a rate between the first and the last pair needs two pairs
        out.printf(
            "  %d pair in %.1f s in all with start-up (%d thread%s)%n",
            metrics.pairs(), seconds, threads, threads == 1 ? "" : "s");
      } else {
        out.printf(
            "  %.2f pairs/s per stream thread between the first and the last pair (%d thread%s; %.1f s"
                + " in all with start-up)%n",
            steady / threads, threads, threads == 1 ? "" : "s", seconds);
      }
      out.printf(
          "  per pair: fetch + verify + decode %.1f ms, mask %.1f ms, encode + write %.1f ms%n",
          ms[0], ms[1], ms[2]);
    }
  }

  private static String defaultStateDir(Map<String, String> env) {
    String home = env.getOrDefault("DSGEN_HOME", System.getProperty("java.io.tmpdir"));
    return Path.of(home, "replay-state").toString();
  }

  static Duration parseDuration(String text) {
    String t = text.strip().toLowerCase();
    try {
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      }
      long n = Long.parseLong(t.substring(0, t.length() - 1));
      return switch (t.charAt(t.length() - 1)) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        default -> throw new NumberFormatException();
      };
    } catch (RuntimeException e) {
      throw new Args.UsageException("duration '" + text + "' must look like 500ms, 90s, 10m or 2h");
    }
  }

  private static Set<String> options() {
    Set<String> names =
        new HashSet<>(
            Set.of("recipe", "param", "job", "dataset", "threads", "state-dir", "timeout"));
    names.addAll(Connection.OPTIONS);
    return Set.copyOf(names);
  }
}
