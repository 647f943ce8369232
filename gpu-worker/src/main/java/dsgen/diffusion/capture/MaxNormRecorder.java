package dsgen.diffusion.capture;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * {@code ca_maxnorm_r} / {@code sa_maxnorm_r} (SeeDiff's max-normalised aggregation): the mean over
 * (layer, step) of the head-mean conditional map divided by its maximum — per token column (over
 * pixels) for cross-attention, one global maximum per map for self-attention.
 */
final class MaxNormRecorder extends RunningMeanRecorder {
  private final boolean cross;
  private final int resolution;

  MaxNormRecorder(
      String name, boolean cross, int resolution, int batch, long keys, NDManager manager) {
    super(name, resolution, batch, keys, manager);
    this.cross = cross;
    this.resolution = resolution;
  }

  @Override
  public void record(CallTensors t) {
    if (t.call.layer().cross() != cross || t.call.height() != resolution) {
      return;
    }
    NDArray headMean = t.condHeadSum().div(t.heads());
    long b = headMean.getShape().get(0);
    NDArray max =
        cross
            ? headMean.max(new int[] {1}, true)
            : headMean.reshape(b, -1).max(new int[] {1}, true).reshape(b, 1, 1);
    accumulate(headMean.div(max), 1);
  }
}
