package dsgen.masks.labels;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The multi-class rule of docs/algorithms.md#multi-class-labels for methods that compute each class
 * on its own: a pixel takes the label of the class with the largest soft value among the classes
 * whose binary decision is on there; ties go to the lowest label id; no class on → 0 (background).
 */
public final class ClassLabeling {
  private ClassLabeling() {}

  /**
   * @param soft per class the soft values the argmax compares (the stored float32 maps)
   * @param on per class the binary decision
   * @param labels per class its label id
   */
  public static byte[] argmaxAmongOn(float[][] soft, boolean[][] on, int[] labels) {
    int n = soft.length == 0 ? 0 : soft[0].length;
    Integer[] order = new Integer[labels.length];
    for (int c = 0; c < order.length; c++) {
      order[c] = c;
    }
    Arrays.sort(order, Comparator.comparingInt(c -> labels[c]));
    byte[] out = new byte[n];
    for (int i = 0; i < n; i++) {
      int best = -1;
      float bestValue = Float.NEGATIVE_INFINITY;
      for (int c : order) {
        if (on[c][i] && (best < 0 || soft[c][i] > bestValue)) {
          best = c;
          bestValue = soft[c][i];
        }
      }
      out[i] = (byte) (best < 0 ? 0 : labels[best]);
    }
    return out;
  }
}
