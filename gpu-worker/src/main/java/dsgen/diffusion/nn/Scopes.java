package dsgen.diffusion.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.util.function.Supplier;

/**
 * Frees a block's intermediate arrays as soon as the block returns. DJL keeps every array until its
 * scope or manager closes, so without this one UNet step would hold all its attention maps at once
 * (an SD2 step at 64×64 then needs over 18 GB).
 */
public final class Scopes {
  private Scopes() {}

  /**
   * Runs {@code block} in its own scope and hands its result, which must be a new array, to the
   * enclosing scope (or to nobody when there is none).
   */
  public static NDArray scoped(Supplier<NDArray> block) {
    NDArray out;
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      out = block.get();
      NDScope.unregister(out);
    }
    NDScope.register(out);
    return out;
  }
}
