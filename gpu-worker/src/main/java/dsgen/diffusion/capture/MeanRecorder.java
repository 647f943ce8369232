package dsgen.diffusion.capture;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * {@code ca_mean_r} / {@code sa_mean_r}: the mean over (layers at r, heads, steps) of the conditional attention
 * probabilities [r², M].
 */
final class MeanRecorder implements Recorder {
  private final String name;
  private final boolean cross;
  private final int resolution;
  private final NDArray sum;
  private long count;

  MeanRecorder(String name, boolean cross, int resolution, int batch, long keys, NDManager manager) {
    this.name = name;
    this.cross = cross;
    this.resolution = resolution;
    long n = (long) resolution * resolution;
    this.sum = manager.zeros(new Shape(batch, n, keys), DataType.FLOAT32);
  }

  @Override
  public void record(CallTensors t) {
    if (t.call.layer().cross() == cross && t.call.height() == resolution) {
      sum.addi(t.condHeadSum());
      count += t.heads();
    }
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
