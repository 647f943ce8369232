package dsgen.masks.ops;

import dsgen.attention.AttentionTensor;
import java.util.List;

/** Spatial maps of single text tokens, taken from cross-attention tensors [N, T] or [L, N, T]. */
public final class TokenMaps {
  private TokenMaps() {}

  /** Column {@code token} of a [N, T] tensor as a map of N pixels. */
  public static double[] column(AttentionTensor ca, int token) {
    return layerColumn(ca, 0, token);
  }

  /**
   * Column {@code token} of layer {@code layer} of a [L, N, T] tensor ([N, T] counts as one layer).
   */
  public static double[] layerColumn(AttentionTensor ca, int layer, int token) {
    int n = ca.rank() == 3 ? ca.dim(1) : ca.dim(0);
    double[] out = new double[n];
    int base = layer * n;
    for (int p = 0; p < n; p++) {
      out[p] = ca.get(base + p, token);
    }
    return out;
  }

  /** Element-wise sum of the columns of several tokens. */
  public static double[] sumOfColumns(AttentionTensor ca, List<Integer> tokens) {
    double[] acc = null;
    for (int t : tokens) {
      double[] col = column(ca, t);
      if (acc == null) {
        acc = col;
      } else {
        for (int i = 0; i < acc.length; i++) {
          acc[i] += col[i];
        }
      }
    }
    if (acc == null) {
      throw new IllegalArgumentException("no tokens");
    }
    return acc;
  }
}
