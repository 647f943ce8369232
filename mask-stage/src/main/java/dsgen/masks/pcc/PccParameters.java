package dsgen.masks.pcc;

import java.util.Arrays;

/**
 * The parameters of the {@code pcc} recipe (docs/algorithms.md#recipes), already validated by the
 * recipe catalogue.
 *
 * @param clusters k-means cluster counts of the class-agnostic segmentation
 * @param confidences activation thresholds of the IoU voting
 * @param bgFactor the background threshold is {@code bgFactor × confidence}
 * @param agreement minimum share of the votes the winning label needs (else 255)
 * @param refine run the image-level refinement
 * @param refineClusters k-means cluster count of the refinement
 * @param refineMinPx image segments smaller than this join segment 0
 */
public record PccParameters(
    int[] clusters,
    double[] confidences,
    double bgFactor,
    double agreement,
    boolean refine,
    int refineClusters,
    int refineMinPx) {

  /** The recipe defaults. */
  public static PccParameters defaults() {
    return new PccParameters(
        new int[] {4, 7, 10}, new double[] {0.3, 0.5, 0.8}, 1.2, 0.56, true, 20, 10);
  }

  public PccParameters {
    if (clusters.length == 0 || Arrays.stream(clusters).anyMatch(k -> k < 1)) {
      throw new IllegalArgumentException(
          "clusters must be a non-empty list of counts ≥ 1: " + Arrays.toString(clusters));
    }
    if (confidences.length == 0) {
      throw new IllegalArgumentException("confidences must not be empty");
    }
    if (refineClusters < 1) {
      throw new IllegalArgumentException("refine-clusters must be ≥ 1: " + refineClusters);
    }
    clusters = clusters.clone();
    confidences = confidences.clone();
  }
}
