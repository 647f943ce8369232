package dsgen.diffusion.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Random parameters of whatever shape a layer asks for (benchmarks: the real architecture without a
 * download). Matrices and kernels are N(0, 1/fan_in) so activations stay bounded through deep
 * stacks; norm scales are 1, biases 0.
 */
public final class RandomWeights implements TensorSource {
  private final NDManager manager;
  private final DataType dtype;

  public RandomWeights(NDManager manager, DataType dtype) {
    this.manager = manager;
    this.dtype = dtype;
  }

  @Override
  public NDArray tensor(String name, Shape expected) {
    if (expected.dimension() == 1) {
      boolean scale = name.endsWith(".weight") && name.contains("norm");
      return (scale ? manager.ones(expected) : manager.zeros(expected)).toType(dtype, false);
    }
    long fanIn = expected.size() / expected.get(0);
    float std = (float) (1.0 / Math.sqrt(fanIn));
    NDArray w = manager.randomNormal(0f, std, expected, DataType.FLOAT32);
    if (dtype == DataType.FLOAT32) {
      return w;
    }
    NDArray converted = w.toType(dtype, false);
    w.close();
    return converted;
  }
}
