package dsgen.maskstage.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * Scores a folder of predicted label PNGs against a folder of ground-truth label PNGs, matched by
 * file name: every ground-truth file needs its prediction; predictions without ground truth are not
 * scored (they are counted, so a caller can say so).
 */
public final class FolderEvaluation {

  private static final int LISTED_MISSING = 5;

  /**
   * @param scored the ground-truth file names scored
   * @param unscoredPredictions predictions with no ground-truth file
   */
  public record Result(ConfusionMatrix matrix, List<String> scored, int unscoredPredictions) {}

  private FolderEvaluation() {}

  /** The {@code .png} file names of a folder, sorted. */
  public static List<String> pngNames(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(dir + " is not a folder");
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(Files::isRegularFile)
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".png"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e, e);
    }
  }

  /**
   * @param groundTruthNames the ground-truth file names to score (all of the folder, or a split)
   * @param progress told the number of images scored so far; called from worker threads, one call
   *     at a time
   * @throws IllegalArgumentException naming the missing predictions, or a file whose label is not
   *     in the class list, whose size differs, or that is not a single-channel PNG
   */
  public static Result evaluate(
      Path predictions,
      Path groundTruth,
      List<String> groundTruthNames,
      ClassList classes,
      ConfusionMatrix.PredictionIgnore predictionIgnore,
      LongConsumer progress) {
    if (groundTruthNames.isEmpty()) {
      throw new IllegalArgumentException("no ground-truth PNG to score in " + groundTruth);
    }
    List<String> predicted = pngNames(predictions);
    requirePredictions(predictions, groundTruthNames, predicted);
    ConfusionMatrix total =
        ParallelScoring.sum(
            groundTruthNames,
            classes,
            predictionIgnore,
            (matrix, name) -> score(matrix, predictions.resolve(name), groundTruth.resolve(name)),
            progress);
    Set<String> wanted = new HashSet<>(groundTruthNames);
    int unscored = (int) predicted.stream().filter(n -> !wanted.contains(n)).count();
    return new Result(total, groundTruthNames, unscored);
  }

  /** Adds one image's pixels; errors name the file. */
  static void score(ConfusionMatrix matrix, Path prediction, Path groundTruth) {
    LabelMap gt = LabelMap.read(groundTruth);
    LabelMap pred = LabelMap.read(prediction);
    gt.requireSameSize(pred, "ground truth " + groundTruth, "prediction " + prediction);
    try {
      matrix.add(gt.labels(), pred.labels(), gt.width());
    } catch (ConfusionMatrix.LabelOutsideClassesException e) {
      Path file = e.inPrediction() ? prediction : groundTruth;
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  private static void requirePredictions(
      Path predictions, List<String> groundTruthNames, List<String> predicted) {
    Set<String> present = new HashSet<>(predicted);
    List<String> missing = groundTruthNames.stream().filter(n -> !present.contains(n)).toList();
    if (!missing.isEmpty()) {
      String listed =
          String.join(
              ", ",
              missing.stream()
                  .limit(LISTED_MISSING)
                  .map(n -> predictions.resolve(n).toString())
                  .toList());
      throw new IllegalArgumentException(
          "no prediction for "
              + missing.size()
              + " of "
              + groundTruthNames.size()
              + " ground-truth files: missing "
              + listed
              + (missing.size() > LISTED_MISSING ? ", ..." : ""));
    }
  }
}
