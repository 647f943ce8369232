package dsgen.diffusion.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Where the layers of a network get their parameters. Each layer asks for every tensor by name with
 * the shape the configuration implies, at construction time, so a wrong or missing tensor fails at
 * load, not mid-generation. Which optional tensors exist (a shortcut convolution, biases) follows
 * from the configuration, as in diffusers.
 */
public interface TensorSource {
  /**
   * The tensor {@code name} with exactly {@code expected} shape, in the compute dtype on the
   * compute device.
   */
  NDArray tensor(String name, Shape expected);
}
