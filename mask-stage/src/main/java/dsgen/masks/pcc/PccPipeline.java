package dsgen.masks.pcc;

import dsgen.masks.MaskGeometry;
import dsgen.masks.ops.Resize;

/**
 * Principal Component Clustering on plain arrays (docs/algorithms.md#pcc): clustering points,
 * blocky mask, optional image refinement, soft maps. Knows nothing of attention files or images on
 * disk.
 */
public final class PccPipeline {
  private PccPipeline() {}

  /**
   * @param activations the class maps at R ({@link ClassActivations#fromOvam})
   * @param features {@code pcc_features} row-major [R², columns]
   * @param classCount number of classes of the image (soft maps are returned in the caller's class
   *     order)
   * @param rgb the decoded image, packed 0xRRGGBB, row-major, {@code imageSize²} pixels
   */
  public static PccOutput run(
      ClassActivations activations,
      float[] features,
      int columns,
      int r,
      int classCount,
      int[] rgb,
      int imageSize,
      PccParameters p) {
    double[] points = ClusteringFeatures.of(features, r, columns);
    int[] atR = BlockyMask.labelsAtR(points, r, columns + 2, activations, p);
    int[] blocky = BlockyMask.nearest(atR, r, imageSize);
    int[] labels =
        p.refine()
            ? ImageRefinement.refine(
                rgb, imageSize, imageSize, blocky, p.refineClusters(), p.refineMinPx())
            : blocky;
    return new PccOutput(blocky, labels, softMaps(activations, classCount, r, imageSize));
  }

  /**
   * Each class's min-max normalised activation nearest-upsampled to the image, in the caller's
   * class order.
   */
  static float[][] softMaps(ClassActivations activations, int classCount, int r, int imageSize) {
    float[][] soft = new float[classCount][];
    for (int row = 1; row < activations.maps().length; row++) {
      soft[activations.classIndex()[row]] =
          MaskGeometry.toFloat(Resize.nearest(activations.maps()[row], r, r, imageSize, imageSize));
    }
    return soft;
  }
}
