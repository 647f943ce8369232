package dsgen.diffusion.capture;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * {@code ca_maxnorm_r} / {@code sa_maxnorm_r} (SeeDiff's max-normalised aggregation): the mean over (layer, step)
 * of the head-mean conditional map divided by its maximum — per token column (over pixels) for cross-attention,
 * one global maximum per map for self-attention.
 */
final class MaxNormRecorder implements Recorder {
  private final String name;
  private final boolean cross;
  private final int resolution;
  private final NDArray sum;
  private long count;

  MaxNormRecorder(String name, boolean cross, int resolution, int batch, long keys, NDManager manager) {
    this.name = name;
    this.cross = cross;
    this.resolution = resolution;
    long n = (long) resolution * resolution;
    this.sum = manager.zeros(new Shape(batch, n, keys), DataType.FLOAT32);
  }

  @Override
  public void record(CallTensors t) {
    if (t.call.layer().cross() != cross || t.call.height() != resolution) {
      return;
    }
    NDArray headMean = t.condHeadSum().div(t.heads());
    long b = headMean.getShape().get(0);
    NDArray max = cross ? headMean.max(new int[] {1}, true)
        : headMean.reshape(b, -1).max(new int[] {1}, true).reshape(b, 1, 1);
    sum.addi(headMean.div(max));
    count++;
  }

  @Override
  public List<CapturedTensor> finish(int request) {
    try (NDArray mean = sum.get(request).div(count)) {
      return List.of(new CapturedTensor(name, mean.getShape().getShape(), mean.toFloatArray()));
    }
  }

  @Override
  public void close() {
    sum.close();
  }
}
