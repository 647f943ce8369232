package dsgen.diffusion.pipeline;

import ai.djl.ndarray.NDArray;

/**
 * Observes the denoising loop (conformance tests); must not keep the arrays, which are freed after
 * the call.
 */
public interface StepListener {
  StepListener NONE = (step, t, modelOutput, latents) -> {};

  /**
   * {@code modelOutput} [2B, C, h, w] ([uncond, cond]); {@code latents} [B, C, h, w] after the
   * scheduler step.
   */
  void onStep(int step, int timestep, NDArray modelOutput, NDArray latents);
}
