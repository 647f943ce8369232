package dsgen.maskstage.cli;

import static dsgen.kafka.Topics.PAIRS;

import dsgen.kafka.AvroClassTrust;
import dsgen.maskstage.dataset.VocLabelPng;
import dsgen.records.Pair;
import dsgen.store.ObjectStore;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * {@code ./dsgen export --dataset NAME --recipe ID --out DIR}: a finished dataset folder as a local
 * Pascal VOC folder. The pair list comes from dsgen.pairs (every pair with verified references),
 * the files from the store.
 */
public final class ExportCommand {

  static final String USAGE =
      """
            usage: ./dsgen export --dataset NAME --recipe ID --out DIR [options]
              --dataset NAME         dataset name
              --recipe ID            recipe id of the dataset folder, e.g. diffumask-1a2b3c4d (see datasets/NAME/)
              --out DIR              local folder to write (created; existing files of the same names are replaced)
            """
          + Connection.USAGE;

  private static final Set<String> OPTIONS = options();
  private static final Duration READ_TIMEOUT = Duration.ofMinutes(5);

  private ExportCommand() {}

  public static void main(String[] argv) throws InterruptedException {
    CliLogging.install();
    System.exit(run(argv, System.getenv(), System.out, System.err));
  }

  /**
   * @return the process exit code: 0 written, 1 nothing to export or a failure, 2 bad command line
   */
  public static int run(String[] argv, Map<String, String> env, PrintStream out, PrintStream err)
      throws InterruptedException {
    AvroClassTrust.install();
    Args args;
    try {
      args = Args.parse(argv, OPTIONS);
      args.require("dataset");
      args.require("recipe");
      args.require("out");
    } catch (Args.UsageException e) {
      err.println("dsgen export: " + e.getMessage());
      err.print(USAGE);
      return 2;
    }
    String dataset = args.require("dataset");
    String recipeId = args.require("recipe");
    Path dir = Path.of(args.require("out"));
    Connection connection = Connection.resolve(args, env);
    String problem = KafkaReachable.problem(connection.bootstrapServers(), PAIRS.name());
    if (problem != null) {
      err.println("dsgen export: " + problem);
      return 1;
    }

    SortedMap<String, Pair> pairs =
        PairIndex.read(
            connection.bootstrapServers(),
            pair ->
                pair.getDataset().equals(dataset)
                    && pair.getRecipe().getRecipeId().equals(recipeId),
            READ_TIMEOUT);
    if (pairs.isEmpty()) {
      err.println(
          "dsgen export: dsgen.pairs has no pair of dataset '"
              + dataset
              + "' with recipe '"
              + recipeId
              + "'");
      return 1;
    }
    try (ObjectStore store = ObjectStore.open(connection.store())) {
      int n = new VocFolder(store, new VocLabelPng()).write(pairs, dir);
      out.println(
          "exported "
              + n
              + " pairs of datasets/"
              + dataset
              + "/"
              + recipeId
              + "/ to "
              + dir.toAbsolutePath());
      out.println("  image list: " + dir.resolve("ImageSets/Segmentation/train.txt"));
    }
    return 0;
  }

  private static Set<String> options() {
    Set<String> names = new java.util.HashSet<>(Set.of("dataset", "recipe", "out"));
    names.addAll(Connection.OPTIONS);
    return Set.copyOf(names);
  }
}
