package dsgen.diffusion.scheduler;

import ai.djl.ndarray.NDArray;
import dsgen.diffusion.io.JsonConfig;

/**
 * Deterministic Euler ({@code EulerDiscreteScheduler} stepped with s_churn 0): σ_i = √((1−ā)/ā)
 * linearly interpolated at each timestep (fractional with linspace spacing), then σ = 0 ({@code
 * final_sigmas_type} zero) or σ(0) ({@code sigma_min}). The seeded noise is multiplied by √(σ_0² +
 * 1) for leading spacing and by σ_0 for linspace and trailing; call i feeds the UNet x / √(σ_i² +
 * 1); x0 = x − σ·eps (v: −σ/√(σ²+1)·v + x/(σ²+1)) and x' = x + (x − x0)/σ · (σ' − σ).
 */
final class EulerSampler extends Sampler {
  private final boolean finalSigmaZero;

  EulerSampler(JsonConfig c) {
    super(c);
    if (!c.string("interpolation_type").equals("linear")) {
      throw c.error(
          "interpolation_type",
          "'" + c.string("interpolation_type") + "' is not supported (linear)");
    }
    if (!c.string("timestep_type").equals("discrete")) {
      throw c.error(
          "timestep_type", "'" + c.string("timestep_type") + "' is not supported (discrete)");
    }
    for (String flag :
        new String[] {"use_karras_sigmas", "use_exponential_sigmas", "use_beta_sigmas"}) {
      if (c.bool(flag, false)) {
        throw c.error(flag, "true is not supported");
      }
    }
    finalSigmaZero = finalSigmaZero(c);
  }

  @Override
  public SamplerKind kind() {
    return SamplerKind.EULER;
  }

  @Override
  double[] stepTimesteps(int steps) {
    return spaced(steps, 0, false);
  }

  /** σ of every call, then the final σ (float32 as diffusers stores them). */
  float[] sigmas(int steps) {
    return sigmas(stepTimesteps(steps), finalSigmaZero);
  }

  @Override
  public SamplerRun start(int steps) {
    checkSteps(steps);
    float[] sigma = sigmas(steps);
    float max = 0f;
    for (float s : sigma) {
      max = Math.max(max, s);
    }
    float init = spacing == Spacing.LEADING ? (float) Math.sqrt((double) max * max + 1) : max;
    return new SamplerRun(SamplerRun.floats(stepTimesteps(steps))) {
      @Override
      public float initNoiseSigma() {
        return init;
      }

      @Override
      public float inputScale(int call) {
        return (float) (1 / Math.sqrt((double) sigma[call] * sigma[call] + 1));
      }

      @Override
      public NDArray step(int i, NDArray x, NDArray out) {
        double s = sigma[i];
        NDArray x0 =
            prediction == Prediction.EPSILON
                ? x.sub(out.mul((float) s))
                : out.mul((float) (-s / Math.sqrt(s * s + 1))).add(x.div((float) (s * s + 1)));
        double dt = sigma[i + 1] - s;
        return x.add(x.sub(x0).div((float) s).mul((float) dt));
      }
    };
  }
}
