package dsgen.diffusion.capture;

import java.util.List;
import java.util.Set;

/**
 * Resolves a capture profile ({@code default}, {@code full}, {@code none} or a comma-separated
 * tensor list) to tensor names for a model whose attention resolutions are {@code resolutions}
 * (largest first).
 */
public interface TensorCatalogue {
  Set<String> tensorsFor(String profile, List<Integer> resolutions);
}
