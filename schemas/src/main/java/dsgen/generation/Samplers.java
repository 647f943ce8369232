package dsgen.generation;

import java.util.List;
import java.util.Optional;

/**
 * The samplers a generation may name ({@code GenerationParams.sampler}), one list for the job API,
 * the worker's task check and {@code dsgen generate}. Absent (null) asks for the model folder's own
 * scheduler class when dsgen implements it, else {@link #DDIM}; a Generation records the sampler
 * that ran.
 */
public final class Samplers {
  public static final String DDIM = "ddim";
  public static final String PNDM = "pndm";
  public static final String DPM_SOLVER_PP = "dpmsolver++";
  public static final String EULER = "euler";

  /** Every sampler, in the order documentation lists them. */
  public static final List<String> NAMES = List.of(DDIM, PNDM, DPM_SOLVER_PP, EULER);

  private Samplers() {}

  /** Why {@code sampler} is not allowed, or empty when it is one of {@link #NAMES} or null. */
  public static Optional<String> violation(String sampler) {
    if (sampler == null || NAMES.contains(sampler)) {
      return Optional.empty();
    }
    return Optional.of(
        "must be one of "
            + String.join(", ", NAMES)
            + " (or absent: the model folder's own scheduler), was '"
            + sampler
            + "'");
  }
}
