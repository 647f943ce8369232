package dsgen.maskstage.cli;

import static dsgen.kafka.Topics.PAIRS;

import dsgen.kafka.AvroClassTrust;
import dsgen.maskstage.dataset.VocLabelPng;
import dsgen.maskstage.export.DatasetExport;
import dsgen.maskstage.export.ExportFormat;
import dsgen.maskstage.export.IgnoreBand;
import dsgen.maskstage.export.Split;
import dsgen.records.Pair;
import dsgen.store.ObjectStore;
import dsgen.store.ObjectStoreException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * {@code ./dsgen export --dataset NAME --recipe ID --out DIR [--format voc|coco] [--val-fraction
 * F]}: a finished dataset folder as a local folder a trainer reads, Pascal VOC (the default) or
 * COCO instances, with deterministic train/val splits. The pair list comes from dsgen.pairs (every
 * pair with verified references), the files from the store.
 */
public final class ExportCommand {

  static final String USAGE =
      """
            usage: ./dsgen export --dataset NAME --recipe ID --out DIR [options]
              --dataset NAME         dataset name
              --recipe ID            recipe id of the dataset folder, e.g. diffumask-1a2b3c4d (see datasets/NAME/)
              --out DIR              local folder to write (created; existing files of the same names are replaced)
              --format voc|coco      voc (default): JPEGImages/, SegmentationClass/, ImageSets/Segmentation/*.txt;
                                     coco: images/, annotations/instances_{train,val}.json (RLE masks)
              --val-fraction F       share of the images in the val split, 0..1 (default 0: all in train); an
                                     image's split follows from its imageId alone, so it never changes
              --coco-ignore MODE     coco only: the ignore band (label 255) as one iscrowd=1 annotation per image
                                     in category 255 'ignore' (crowd, the default) or left out (omit)
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
    DatasetExport.Options options;
    try {
      options = options(args);
    } catch (IllegalArgumentException e) {
      err.println("dsgen export: " + e.getMessage());
      err.print(USAGE);
      return 2;
    }
    Connection connection = Connection.resolve(args, env);
    String problem = KafkaReachable.problem(connection.kafkaClient(), PAIRS.name());
    if (problem != null) {
      err.println("dsgen export: " + problem);
      return 1;
    }

    SortedMap<String, Pair> pairs =
        PairIndex.read(
            connection.kafkaClient(),
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
      ProgressLine progress = new ProgressLine(err);
      DatasetExport.Summary summary =
          new DatasetExport(store, new VocLabelPng())
              .write(
                  pairs,
                  dir,
                  options,
                  done -> progress.show("export", done, pairs.size(), "pairs", ""));
      progress.finish();
      out.println(
          "exported "
              + summary.images()
              + " pairs of datasets/"
              + dataset
              + "/"
              + recipeId
              + "/ to "
              + dir.toAbsolutePath()
              + " ("
              + options.format().name().toLowerCase(Locale.ROOT)
              + ")");
      out.println(
          "  train "
              + summary.perSplit().get(Split.TRAIN)
              + ", val "
              + summary.perSplit().get(Split.VAL)
              + " (val fraction "
              + options.valFraction()
              + ")");
    } catch (ObjectStoreException
        | IllegalStateException
        | IllegalArgumentException
        | UncheckedIOException e) {
      err.println("dsgen export: " + e.getMessage());
      return 1;
    }
    return 0;
  }

  private static DatasetExport.Options options(Args args) {
    ExportFormat format = args.get("format").map(ExportFormat::parse).orElse(ExportFormat.VOC);
    double fraction = args.get("val-fraction").map(ExportCommand::fraction).orElse(0.0);
    IgnoreBand ignore = args.get("coco-ignore").map(IgnoreBand::parse).orElse(IgnoreBand.CROWD);
    if (format != ExportFormat.COCO && args.get("coco-ignore").isPresent()) {
      throw new IllegalArgumentException("--coco-ignore applies to --format coco only");
    }
    return new DatasetExport.Options(format, fraction, ignore);
  }

  private static double fraction(String text) {
    try {
      return Split.requireFraction(Double.parseDouble(text));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--val-fraction takes a number in 0..1, not '" + text + "'");
    }
  }

  private static Set<String> options() {
    Set<String> names =
        new HashSet<>(Set.of("dataset", "recipe", "out", "format", "val-fraction", "coco-ignore"));
    names.addAll(Connection.OPTIONS);
    return Set.copyOf(names);
  }
}
