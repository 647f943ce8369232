package dsgen.diffusion.scheduler;

import dsgen.generation.Samplers;
import java.util.Arrays;
import java.util.Optional;

/**
 * The samplers dsgen runs (the contract's {@link Samplers#NAMES}), each with the diffusers
 * scheduler class whose arithmetic it reproduces and the name the attention metadata records for
 * it.
 */
public enum SamplerKind {
  /** DDIM, eta 0: one UNet call per step. */
  DDIM(Samplers.DDIM, "DDIMScheduler", "DDIM"),
  /** PNDM's pseudo linear multistep part (PLMS, {@code skip_prk_steps}): steps + 1 UNet calls. */
  PNDM(Samplers.PNDM, "PNDMScheduler", "PNDM"),
  /** DPM-Solver++ multistep (2M by default): one UNet call per step. */
  DPM_SOLVER_PP(Samplers.DPM_SOLVER_PP, "DPMSolverMultistepScheduler", "DPMSolverMultistep"),
  /** Euler (deterministic {@code EulerDiscreteScheduler}): one UNet call per step. */
  EULER(Samplers.EULER, "EulerDiscreteScheduler", "EulerDiscrete");

  private final String id;
  private final String diffusersClass;
  private final String metadataName;

  SamplerKind(String id, String diffusersClass, String metadataName) {
    this.id = id;
    this.diffusersClass = diffusersClass;
    this.metadataName = metadataName;
  }

  /** The name a request and a record use: ddim, pndm, dpmsolver++ or euler. */
  public String id() {
    return id;
  }

  /** The diffusers class ({@code _class_name} of a scheduler_config.json). */
  public String diffusersClass() {
    return diffusersClass;
  }

  /** The scheduler name of the attention metadata. */
  public String metadataName() {
    return metadataName;
  }

  public static Optional<SamplerKind> byId(String id) {
    return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
  }

  public static Optional<SamplerKind> byDiffusersClass(String className) {
    return Arrays.stream(values()).filter(k -> k.diffusersClass.equals(className)).findFirst();
  }

  @Override
  public String toString() {
    return id;
  }
}
