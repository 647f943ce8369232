package dsgen.diffusion.capture;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * A recorder whose tensor is a running sum [batch, r², keys] on the device divided, at the end, by
 * how many maps went into it: the shared state of the mean-aggregated tensors of
 * docs/algorithms.md#capture. Subclasses decide which calls count and what they add.
 */
abstract class RunningMeanRecorder implements Recorder {
  private final String name;
  private final NDArray sum;
  private long count;

  RunningMeanRecorder(String name, int resolution, int batch, long keys, NDManager manager) {
    this.name = name;
    long n = (long) resolution * resolution;
    this.sum = manager.zeros(new Shape(batch, n, keys), DataType.FLOAT32);
  }

  /**
   * Adds {@code maps} (already summed over {@code mapCount} maps) to the running sum; closes
   * nothing.
   */
  final void accumulate(NDArray maps, long mapCount) {
    sum.addi(maps);
    count += mapCount;
  }

  @Override
  public final List<CapturedTensor> finish(int request, Finisher finisher) {
    try (NDArray mean = sum.get(request).div(count)) {
      return List.of(finisher.finish(name, mean));
    }
  }

  @Override
  public final void close() {
    sum.close();
  }
}
