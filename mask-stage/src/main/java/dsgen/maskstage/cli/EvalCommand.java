package dsgen.maskstage.cli;

import static dsgen.kafka.Topics.PAIRS;

import dsgen.kafka.AvroClassTrust;
import dsgen.maskstage.dataset.AnnotationJson;
import dsgen.maskstage.dataset.DatasetKeys;
import dsgen.maskstage.dataset.LabelsJson;
import dsgen.maskstage.dataset.VocLabelPng;
import dsgen.maskstage.eval.ClassList;
import dsgen.maskstage.eval.ConfusionMatrix;
import dsgen.maskstage.eval.EvalReport;
import dsgen.maskstage.eval.FolderEvaluation;
import dsgen.maskstage.eval.IouChart;
import dsgen.maskstage.eval.RecipeAgreement;
import dsgen.records.ClassEntry;
import dsgen.records.JobSpec;
import dsgen.records.Pair;
import dsgen.store.ObjectStore;
import dsgen.store.ObjectStoreException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;

/**
 * {@code ./dsgen eval}: mIoU, per-class IoU, pixel and mean accuracy and the confusion matrix of
 * predicted label PNGs against ground-truth label PNGs, as mmsegmentation's {@code IoUMetric}
 * computes them; or, with {@code --compare A B --dataset NAME}, how far two recipes of one dataset
 * agree. Writes a table on stdout, {@code metrics.json} and {@code per_class_iou.png}.
 */
public final class EvalCommand {

  static final String USAGE =
      """
            usage: ./dsgen eval --pred DIR --gt DIR [--classes FILE] [--split NAME] [--out DIR]
                   ./dsgen eval --compare RECIPE_A RECIPE_B --dataset NAME [--out DIR] [connection options]
              --pred DIR             predicted label PNGs (or a VOC folder: its SegmentationClass/), matched
                                     to the ground truth by file name; 255 in a prediction counts as a miss
              --gt DIR               ground-truth label PNGs, 255 = ignored (or a VOC folder such as an export)
              --classes FILE         labels.json of a dsgen dataset, or one class name per line (line 1 = label 0);
                                     default: labels.json of the --gt VOC folder (or beside the PNGs)
              --split NAME           only the images of ImageSets/Segmentation/NAME.txt of the --gt VOC folder
              --out DIR              where metrics.json and per_class_iou.png go (default eval-out)
              --compare A B          score recipe B's masks against recipe A's, images both have, pixels either
                                     marks 255 left out (the per-class IoU is then symmetric in A and B)
              --dataset NAME         the dataset of the two recipes (with --compare)
            """
          + Connection.USAGE;

  static final String METRICS_FILE = "metrics.json";
  static final String CHART_FILE = "per_class_iou.png";
  private static final String DEFAULT_OUT = "eval-out";
  private static final String SPLITS_DIR = "ImageSets/Segmentation";
  private static final Set<String> OPTIONS = options();
  private static final Duration READ_TIMEOUT = Duration.ofMinutes(5);

  private EvalCommand() {}

  public static void main(String[] argv) throws InterruptedException {
    CliLogging.install();
    System.exit(run(argv, System.getenv(), System.out, System.err));
  }

  /**
   * @return the process exit code: 0 scored, 1 the inputs cannot be scored, 2 bad command line
   */
  public static int run(String[] argv, Map<String, String> env, PrintStream out, PrintStream err)
      throws InterruptedException {
    // the chart is drawn off screen; without this AWT may look for a display
    System.setProperty("java.awt.headless", "true");
    AvroClassTrust.install();
    List<String> compare = new ArrayList<>();
    Args args;
    try {
      args = Args.parse(withoutCompare(argv, compare), OPTIONS);
      if (compare.isEmpty()) {
        args.require("pred");
        args.require("gt");
      } else {
        args.require("dataset");
        for (String flag : List.of("pred", "gt", "classes", "split")) {
          if (args.get(flag).isPresent()) {
            throw new Args.UsageException("--" + flag + " does not go with --compare");
          }
        }
      }
    } catch (Args.UsageException e) {
      err.println("dsgen eval: " + e.getMessage());
      err.print(USAGE);
      return 2;
    }
    Path outDir = Path.of(args.get("out").orElse(DEFAULT_OUT));
    try {
      EvalReport report;
      String title;
      if (compare.isEmpty()) {
        report = folders(args, err);
        title =
            "prediction " + args.require("pred") + " against ground truth " + args.require("gt");
      } else {
        Optional<EvalReport> compared = recipes(compare, args, env, err);
        if (compared.isEmpty()) {
          return 1;
        }
        report = compared.get();
        title =
            "dataset "
                + args.require("dataset")
                + ": recipe "
                + compare.get(1)
                + " against recipe "
                + compare.get(0);
      }
      if (!compare.isEmpty()) {
        out.println(
            "rows (\"ground truth\"): recipe "
                + compare.get(0)
                + "; columns (\"prediction\"): recipe "
                + compare.get(1));
      }
      out.print(report.table());
      write(report, title, outDir);
      out.println("wrote " + outDir.resolve(METRICS_FILE) + " and " + outDir.resolve(CHART_FILE));
      return 0;
    } catch (IllegalArgumentException
        | IllegalStateException
        | UncheckedIOException
        | ObjectStoreException e) {
      err.println("dsgen eval: " + e.getMessage());
      return 1;
    }
  }

  private static EvalReport folders(Args args, PrintStream err) {
    Path pred = masksOf(Path.of(args.require("pred")));
    Path gtRoot = Path.of(args.require("gt"));
    Path gt = masksOf(gtRoot);
    ClassList classes = classes(args.get("classes"), gtRoot, gt);
    List<String> names = groundTruthNames(gtRoot, gt, args.get("split"));
    ProgressLine progress = new ProgressLine(err);
    FolderEvaluation.Result result =
        FolderEvaluation.evaluate(
            pred,
            gt,
            names,
            classes,
            ConfusionMatrix.PredictionIgnore.MISS,
            done -> progress.show("eval", done, names.size(), "images", ""));
    progress.finish();
    if (result.unscoredPredictions() > 0) {
      err.println(
          "dsgen eval: "
              + result.unscoredPredictions()
              + " predictions in "
              + pred
              + " are not among the "
              + names.size()
              + " ground-truth files scored");
    }
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("prediction", pred.toString());
    source.put("groundTruth", gt.toString());
    args.get("split").ifPresent(s -> source.put("split", s));
    return EvalReport.of(source, names.size(), result.matrix());
  }

  private static Optional<EvalReport> recipes(
      List<String> recipes, Args args, Map<String, String> env, PrintStream err)
      throws InterruptedException {
    String dataset = args.require("dataset");
    String a = recipes.get(0);
    String b = recipes.get(1);
    Connection connection = Connection.resolve(args, env);
    String problem = KafkaReachable.problem(connection.kafkaClient(), PAIRS.name());
    if (problem != null) {
      err.println("dsgen eval: " + problem);
      return Optional.empty();
    }
    SortedMap<String, Pair> pairsA = pairsOf(connection, dataset, a);
    SortedMap<String, Pair> pairsB = pairsOf(connection, dataset, b);
    for (var e : Map.of(a, pairsA, b, pairsB).entrySet()) {
      if (e.getValue().isEmpty()) {
        err.println(
            "dsgen eval: dsgen.pairs has no pair of dataset '"
                + dataset
                + "' with recipe '"
                + e.getKey()
                + "'");
        return Optional.empty();
      }
    }
    try (ObjectStore store = ObjectStore.open(connection.store())) {
      ClassList classes =
          jobClasses(PairIndex.jobs(connection.kafkaClient(), READ_TIMEOUT), pairsA, store);
      ProgressLine progress = new ProgressLine(err);
      int common = (int) pairsA.keySet().stream().filter(pairsB::containsKey).count();
      RecipeAgreement.Result result =
          RecipeAgreement.compare(
              pairsA,
              pairsB,
              classes,
              store,
              done -> progress.show("compare", done, common, "images", ""));
      progress.finish();
      if (!result.onlyReference().isEmpty() || !result.onlyCompared().isEmpty()) {
        err.println(
            "dsgen eval: not scored: "
                + result.onlyReference().size()
                + " images only "
                + a
                + " has, "
                + result.onlyCompared().size()
                + " only "
                + b
                + " has");
      }
      Map<String, Object> source = new LinkedHashMap<>();
      source.put("dataset", dataset);
      source.put("reference", a);
      source.put("compared", b);
      return Optional.of(EvalReport.of(source, result.common().size(), result.matrix()));
    }
  }

  private static SortedMap<String, Pair> pairsOf(
      Connection connection, String dataset, String recipeId) {
    return PairIndex.read(
        connection.kafkaClient(),
        pair ->
            pair.getDataset().equals(dataset) && pair.getRecipe().getRecipeId().equals(recipeId),
        READ_TIMEOUT);
  }

  /**
   * Background plus the classes of the jobs the pairs came from (what the stage lists in the
   * dataset's labels.json); a pair whose job is gone from dsgen.jobs gives its annotation's
   * classes.
   */
  private static ClassList jobClasses(
      Map<String, JobSpec> jobs, SortedMap<String, Pair> pairs, ObjectStore store) {
    Set<ClassEntry> classes = new LinkedHashSet<>();
    Set<String> seenJobs = new HashSet<>();
    for (Pair pair : pairs.values()) {
      JobSpec job = jobs.get(pair.getJobId());
      if (job != null) {
        if (seenJobs.add(job.getJobId())) {
          classes.addAll(job.getClasses());
        }
      } else {
        classes.addAll(AnnotationJson.classes(store.get(pair.getAnnotation()), pair.getImageId()));
      }
    }
    List<ClassEntry> plain =
        classes.stream()
            .map(c -> ClassEntry.newBuilder().setName(c.getName()).setLabel(c.getLabel()).build())
            .distinct()
            .toList();
    return ClassList.fromLabelsJson(LabelsJson.of(plain, new VocLabelPng()::colour));
  }

  /** The masks folder: a VOC folder's SegmentationClass/, else the folder itself. */
  private static Path masksOf(Path dir) {
    Path voc = dir.resolve(DatasetKeys.MASKS);
    return Files.isDirectory(voc) ? voc : dir;
  }

  private static ClassList classes(Optional<String> flag, Path gtRoot, Path gt) {
    if (flag.isPresent()) {
      return ClassList.read(Path.of(flag.get()));
    }
    for (Path candidate :
        List.of(gtRoot.resolve(DatasetKeys.LABELS_FILE), gt.resolve(DatasetKeys.LABELS_FILE))) {
      if (Files.isRegularFile(candidate)) {
        return ClassList.read(candidate);
      }
    }
    throw new IllegalArgumentException(
        "no class list: give --classes FILE (no "
            + DatasetKeys.LABELS_FILE
            + " in "
            + gtRoot
            + ")");
  }

  private static List<String> groundTruthNames(Path gtRoot, Path gt, Optional<String> split) {
    if (split.isEmpty()) {
      return FolderEvaluation.pngNames(gt);
    }
    Path list = gtRoot.resolve(SPLITS_DIR).resolve(split.get() + ".txt");
    if (!Files.isRegularFile(list)) {
      throw new IllegalArgumentException("--split " + split.get() + ": there is no " + list);
    }
    try {
      return Files.readAllLines(list).stream()
          .map(String::strip)
          .filter(id -> !id.isEmpty())
          .map(id -> id + ".png")
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + list + ": " + e, e);
    }
  }

  private static void write(EvalReport report, String title, Path outDir) {
    try {
      Files.createDirectories(outDir);
      Files.write(outDir.resolve(METRICS_FILE), report.json());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + outDir.resolve(METRICS_FILE) + ": " + e, e);
    }
    IouChart.write(report.metrics(), title, outDir.resolve(CHART_FILE));
  }

  /**
   * Takes {@code --compare A B} (an option with two values) out of the command line.
   *
   * @param recipes receives A and B
   */
  static String[] withoutCompare(String[] argv, List<String> recipes) {
    List<String> rest = new ArrayList<>(Arrays.asList(argv));
    int at = rest.indexOf("--compare");
    if (at < 0) {
      return argv;
    }
    if (at + 2 >= rest.size()
        || rest.get(at + 1).startsWith("--")
        || rest.get(at + 2).startsWith("--")) {
      throw new Args.UsageException("--compare takes two recipe ids: --compare RECIPE_A RECIPE_B");
    }
    recipes.add(rest.get(at + 1));
    recipes.add(rest.get(at + 2));
    if (recipes.get(0).equals(recipes.get(1))) {
      throw new Args.UsageException("--compare needs two different recipes");
    }
    rest.subList(at, at + 3).clear();
    if (rest.contains("--compare")) {
      throw new Args.UsageException("--compare given twice");
    }
    return rest.toArray(String[]::new);
  }

  private static Set<String> options() {
    Set<String> names = new HashSet<>(Set.of("pred", "gt", "classes", "split", "out", "dataset"));
    names.addAll(Connection.OPTIONS);
    return Set.copyOf(names);
  }
}
