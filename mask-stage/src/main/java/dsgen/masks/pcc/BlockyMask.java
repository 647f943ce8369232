package dsgen.masks.pcc;

/**
 * PCC's class-agnostic clustering and classification (docs/algorithms.md#pcc-blocky): one k-means
 * segmentation of the feature points per cluster count, split into 8-connected segments, named by
 * IoU voting for each confidence, combined by the consensus vote; the result at R is then
 * nearest-upsampled to the image ("blocky mask").
 */
public final class BlockyMask {
  private BlockyMask() {}

  /**
   * @param points {@link ClusteringFeatures} row-major [R², dim]
   * @param activations the class maps at R
   * @return label ids at R, row-major (0 background, 255 ignore)
   */
  public static int[] labelsAtR(
      double[] points, int r, int dim, ClassActivations activations, PccParameters p) {
    int n = r * r;
    int[][] votes = new int[p.clusters().length * p.confidences().length][];
    int v = 0;
    for (int k : p.clusters()) {
      int[] clusters = MaximinKMeans.cluster(points, n, dim, k);
      ConnectedComponents segments = ConnectedComponents.of(clusters, r, r);
      for (double confidence : p.confidences()) {
        votes[v++] = IouVoting.labels(segments, activations, confidence, p.bgFactor());
      }
    }
    return ConsensusVote.of(votes, p.agreement());
  }

  /**
   * Nearest-neighbour resize of a square row-major map ({@code cv2.INTER_NEAREST}: source index
   * {@code floor(d·in/out)}).
   */
  public static int[] nearest(int[] map, int in, int out) {
    int[] index = nearestIndex(in, out);
    int[] result = new int[out * out];
    for (int y = 0; y < out; y++) {
      int src = index[y] * in;
      for (int x = 0; x < out; x++) {
        result[y * out + x] = map[src + index[x]];
      }
    }
    return result;
  }

  private static int[] nearestIndex(int in, int out) {
    double scale = (double) in / out;
    int[] index = new int[out];
    for (int d = 0; d < out; d++) {
      index[d] = Math.min((int) Math.floor(d * scale), in - 1);
    }
    return index;
  }
}
