package dsgen.masks.pcc;

import java.util.Arrays;

/**
 * PCC's image-level refinement (docs/algorithms.md#pcc-refinement): the image is over-segmented by
 * k-means on colour and scaled position; every image segment takes the blocky label it (nearly)
 * agrees on; each class is then smoothed by morphology, with an uncertain band of 255 around it.
 */
public final class ImageRefinement {
  private static final int POINT_DIM = 5;

  private ImageRefinement() {}

  /**
   * @param rgb the decoded image, packed 0xRRGGBB per pixel, row-major
   * @param blocky the blocky label map at the image size
   * @return the refined label map (0 background, 255 ignore)
   */
  public static int[] refine(
      int[] rgb, int width, int height, int[] blocky, int clusters, int minSegmentPx) {
    if (rgb.length != width * height || blocky.length != rgb.length) {
      throw new IllegalArgumentException(
          "image "
              + width
              + "×"
              + height
              + " and label map of "
              + blocky.length
              + " pixels differ in size");
    }
    int[] segmentIds = imageSegments(rgb, width, height, clusters, minSegmentPx);
    int[] assigned = labelsBySegment(segmentIds, blocky);
    return smoothClasses(assigned, width, height);
  }

  /**
   * k-means clusters of (R, G, B, x·255/W, y·255/H), split into 8-connected segments; small ones
   * become id 0.
   */
  static int[] imageSegments(int[] rgb, int width, int height, int clusters, int minSegmentPx) {
    int n = rgb.length;
    double[] points = new double[n * POINT_DIM];
    for (int p = 0; p < n; p++) {
      int y = p / width;
      int x = p - y * width;
      int c = rgb[p];
      int off = p * POINT_DIM;
      points[off] = (c >> 16) & 0xFF;
      points[off + 1] = (c >> 8) & 0xFF;
      points[off + 2] = c & 0xFF;
      points[off + 3] = (double) x / width * 255.0;
      points[off + 4] = (double) y / height * 255.0;
    }
    int[] cluster = MaximinKMeans.cluster(points, n, POINT_DIM, clusters);
    ConnectedComponents segments = ConnectedComponents.of(cluster, width, height);
    int[] ids = segments.ids();
    int[] sizes = segments.sizes();
    for (int p = 0; p < n; p++) {
      if (sizes[ids[p]] < minSegmentPx) {
        ids[p] = 0;
      }
    }
    return ids;
  }

  /**
   * Each segment takes its most frequent blocky label (smallest label on equal counts) when that
   * label is the only one inside or has more than twice the count of the runner-up; otherwise 255.
   */
  static int[] labelsBySegment(int[] segmentIds, int[] blocky) {
    int[] denseOf = new int[256];
    Arrays.fill(denseOf, -1);
    int[] valueOf = new int[256];
    boolean[] present = new boolean[256];
    for (int v : blocky) {
      present[v] = true;
    }
    int values = 0;
    for (int v = 0; v < 256; v++) {
      if (present[v]) {
        denseOf[v] = values;
        valueOf[values++] = v;
      }
    }
    int segments = 0;
    for (int id : segmentIds) {
      segments = Math.max(segments, id + 1);
    }
    int[] counts = new int[segments * values];
    for (int p = 0; p < blocky.length; p++) {
      counts[segmentIds[p] * values + denseOf[blocky[p]]]++;
    }
    int[] labelOfSegment = new int[segments];
    for (int s = 0; s < segments; s++) {
      int best = -1;
      int second = -1;
      for (int d = 0; d < values; d++) {
        int c = counts[s * values + d];
        if (c == 0) {
          continue;
        }
        if (best < 0 || c > counts[s * values + best]) {
          second = best;
          best = d;
        } else if (second < 0 || c > counts[s * values + second]) {
          second = d;
        }
      }
      if (best < 0) {
        continue;
      }
      boolean clear = second < 0 || counts[s * values + best] > 2 * counts[s * values + second];
      labelOfSegment[s] = clear ? valueOf[best] : ConsensusVote.IGNORE;
    }
    int[] out = new int[blocky.length];
    for (int p = 0; p < out.length; p++) {
      out[p] = labelOfSegment[segmentIds[p]];
    }
    return out;
  }

  /**
   * Labels in ascending order: 0 and 255 are copied; a class is eroded once, dilated five times and
   * eroded four times, its two-pixel dilation band becomes 255 and the smoothed class is written
   * over it (later labels overwrite earlier ones; pixels no class keeps become 0).
   */
  static int[] smoothClasses(int[] assigned, int width, int height) {
    boolean[] present = new boolean[256];
    for (int v : assigned) {
      present[v] = true;
    }
    int[] filled = new int[assigned.length];
    for (int v = 0; v < 256; v++) {
      if (!present[v]) {
        continue;
      }
      if (v == 0 || v == ConsensusVote.IGNORE) {
        for (int p = 0; p < assigned.length; p++) {
          if (assigned[p] == v) {
            filled[p] = v;
          }
        }
        continue;
      }
      boolean[] m = new boolean[assigned.length];
      for (int p = 0; p < assigned.length; p++) {
        m[p] = assigned[p] == v;
      }
      m = BinaryMorphology.erode(m, width, height, 1);
      m = BinaryMorphology.dilate(m, width, height, 5);
      m = BinaryMorphology.erode(m, width, height, 4);
      boolean[] band = BinaryMorphology.dilate(m, width, height, 2);
      for (int p = 0; p < assigned.length; p++) {
        if (m[p]) {
          filled[p] = v;
        } else if (band[p]) {
          filled[p] = ConsensusVote.IGNORE;
        }
      }
    }
    return filled;
  }
}
