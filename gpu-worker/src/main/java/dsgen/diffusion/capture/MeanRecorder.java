package dsgen.diffusion.capture;

import ai.djl.ndarray.NDManager;

/**
 * {@code ca_mean_r} / {@code sa_mean_r}: the mean over (layers at r, heads, steps) of the
 * conditional attention probabilities [r², M].
 */
final class MeanRecorder extends RunningMeanRecorder {
  private final boolean cross;
  private final int resolution;

  MeanRecorder(
      String name, boolean cross, int resolution, int batch, long keys, NDManager manager) {
    super(name, resolution, batch, keys, manager);
    this.cross = cross;
    this.resolution = resolution;
  }

  @Override
  public void record(CallTensors t) {
    if (t.call.layer().cross() == cross && t.call.height() == resolution) {
      accumulate(t.condHeadSum(), t.heads());
    }
  }
}
