package dsgen.diffusion.attention;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dsgen.diffusion.nn.Heads;

/**
 * The seam every attention module of the UNet calls: it returns the per-head outputs
 * softmax(QKᵀ·scale)·V [B, H, N, d]. A capturing processor records what it needs from the
 * probabilities on the way.
 */
public interface AttentionProcessor {
  NDArray attend(AttentionCall call);

  /** Plain attention, nothing recorded. */
  AttentionProcessor PLAIN =
      call ->
          call.v().getDataType() == DataType.FLOAT32 || !call.upcast()
              ? probabilities(call).matMul(call.v())
              : probabilities(call).toType(call.v().getDataType(), false).matMul(call.v());

  /** The attention probabilities [B, H, N, M] of a call (float32 when the layer upcasts). */
  static NDArray probabilities(AttentionCall call) {
    if (call.upcast() && call.q().getDataType() != DataType.FLOAT32) {
      return Heads.probabilities(
          call.q().toType(DataType.FLOAT32, false),
          call.k().toType(DataType.FLOAT32, false),
          call.scale(),
          null);
    }
    return Heads.probabilities(call.q(), call.k(), call.scale(), null);
  }
}
