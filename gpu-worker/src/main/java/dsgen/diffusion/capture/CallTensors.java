package dsgen.diffusion.capture;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dsgen.diffusion.attention.AttentionCall;

/**
 * What recorders see of one attention evaluation: the call, its probabilities [2B, H, N, M] and
 * per-head outputs [2B, H, N, d] (rows 0..B-1 unconditional, B..2B-1 conditional), plus derived
 * views computed at most once per call. Everything here lives in the step's scope and is freed with
 * it.
 */
final class CallTensors {
  final AttentionCall call;
  final NDArray probabilities;
  final NDArray output;
  final int batch;
  final int step;
  final boolean lastStep;
  private NDArray condHeadSum;

  CallTensors(
      AttentionCall call,
      NDArray probabilities,
      NDArray output,
      int batch,
      int step,
      boolean lastStep) {
    this.call = call;
    this.probabilities = probabilities;
    this.output = output;
    this.batch = batch;
    this.step = step;
    this.lastStep = lastStep;
  }

  int heads() {
    return call.layer().heads();
  }

  /** Conditional-half probabilities summed over heads, float32: [B, N, M]. */
  NDArray condHeadSum() {
    if (condHeadSum == null) {
      condHeadSum = float32(probabilities.get(batch + ":")).sum(new int[] {1});
    }
    return condHeadSum;
  }

  /** Conditional queries [B, H, N, d]. */
  NDArray condQueries() {
    return call.q().get(batch + ":");
  }

  /** Unconditional queries [B, H, N, d]. */
  NDArray uncondQueries() {
    return call.q().get(":" + batch);
  }

  static NDArray float32(NDArray x) {
    return x.getDataType() == DataType.FLOAT32 ? x : x.toType(DataType.FLOAT32, false);
  }
}
