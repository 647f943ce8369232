package dsgen.diffusion.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Where the layers of a network get their parameters. Each layer asks for every tensor by name with the shape
 * the configuration implies, at construction time, so a wrong or missing tensor fails at load, not mid-generation.
 */
public interface TensorSource {
  /** The tensor {@code name} with exactly {@code expected} shape, in the compute dtype on the compute device. */
  NDArray tensor(String name, Shape expected);

  /** Whether a tensor of that name exists (optional parameters such as a shortcut conv). */
  boolean has(String name);

  /** The tensor's shape, or null when absent (to tell a Linear from a 1x1 convolution). */
  Shape shapeOf(String name);
}
