package dsgen.maskstage.eval;

import dsgen.records.Pair;
import dsgen.store.ObjectStore;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.function.LongConsumer;

/**
 * How far two recipes of one dataset agree, when there is no ground truth: the masks of recipe B
 * scored against those of recipe A image by image, over the images both have. A pixel either mask
 * marks 255 (its uncertainty band) is not scored, so the per-class IoU does not depend on which
 * recipe is called the reference (aAcc is then the share of pixels where both give the same class).
 * Masks are fetched through their references and checked against their sha256.
 */
public final class RecipeAgreement {

  /**
   * @param common imageIds both recipes have, scored
   * @param onlyReference imageIds only recipe A has
   * @param onlyCompared imageIds only recipe B has
   */
  public record Result(
      ConfusionMatrix matrix,
      List<String> common,
      List<String> onlyReference,
      List<String> onlyCompared) {}

  private RecipeAgreement() {}

  /**
   * @param reference recipe A's pairs by imageId
   * @param compared recipe B's pairs by imageId
   * @param progress told the number of images scored so far, one call at a time
   */
  public static Result compare(
      SortedMap<String, Pair> reference,
      SortedMap<String, Pair> compared,
      ClassList classes,
      ObjectStore store,
      LongConsumer progress) {
    List<String> common = new ArrayList<>();
    List<String> onlyReference = new ArrayList<>();
    for (String id : reference.keySet()) {
      (compared.containsKey(id) ? common : onlyReference).add(id);
    }
    List<String> onlyCompared =
        compared.keySet().stream().filter(id -> !reference.containsKey(id)).toList();
    if (common.isEmpty()) {
      throw new IllegalArgumentException("the two recipes have no image in common");
    }
    ConfusionMatrix total =
        ParallelScoring.sum(
            common,
            classes,
            ConfusionMatrix.PredictionIgnore.EXCLUDE,
            (matrix, id) -> score(matrix, reference.get(id), compared.get(id), store),
            progress);
    return new Result(total, List.copyOf(common), List.copyOf(onlyReference), onlyCompared);
  }

  private static void score(ConfusionMatrix matrix, Pair a, Pair b, ObjectStore store) {
    String nameA = a.getMask().getUri();
    String nameB = b.getMask().getUri();
    LabelMap mapA = LabelMap.decode(store.get(a.getMask()), nameA);
    LabelMap mapB = LabelMap.decode(store.get(b.getMask()), nameB);
    mapA.requireSameSize(mapB, nameA, nameB);
    try {
      // 255 in A is skipped as ground truth, 255 in B by the EXCLUDE rule
      matrix.add(mapA.labels(), mapB.labels(), mapA.width());
    } catch (ConfusionMatrix.LabelOutsideClassesException e) {
      throw new IllegalArgumentException(
          (e.inPrediction() ? nameB : nameA) + ": " + e.getMessage(), e);
    }
  }
}
