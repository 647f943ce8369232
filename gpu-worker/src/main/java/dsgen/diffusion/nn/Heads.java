package dsgen.diffusion.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** Splitting channels into attention heads (consecutive head-dim slices) and merging them back. */
public final class Heads {
  private Heads() {}

  /** [B, N, H·d] → [B, H, N, d]. */
  public static NDArray split(NDArray x, int heads) {
    Shape s = x.getShape();
    long d = s.get(2) / heads;
    return x.reshape(s.get(0), s.get(1), heads, d).transpose(0, 2, 1, 3);
  }

  /** [B, H, N, d] → [B, N, H·d]. */
  public static NDArray merge(NDArray x) {
    Shape s = x.getShape();
    return x.transpose(0, 2, 1, 3).reshape(s.get(0), s.get(2), s.get(1) * s.get(3));
  }

  /** softmax(q·kᵀ·scale [+ mask]) over the keys: [B, H, N, M]. {@code mask} may be null. */
  public static NDArray probabilities(NDArray q, NDArray k, float scale, NDArray mask) {
    NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).muli(scale);
    if (mask != null) {
      scores.addi(mask);
    }
    return scores.softmax(-1);
  }
}
