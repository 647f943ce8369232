package dsgen.worker.task;

import java.util.List;
import java.util.Optional;

/**
 * Whether a capture profile names tensors the worker can compute at the given attention
 * resolutions.
 */
@FunctionalInterface
public interface CaptureProfileCheck {
  /**
   * @return why the profile is not usable, or empty when it is
   */
  Optional<String> problemWith(String profile, List<Integer> resolutions);
}
