package dsgen.diffusion.scheduler;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.JsonNode;
import dsgen.diffusion.io.JsonConfig;

/**
 * DPM-Solver++ multistep ({@code DPMSolverMultistepScheduler}, {@code algorithm_type} dpmsolver++,
 * {@code solver_type} midpoint, {@code solver_order} 1 or 2: "DPM++ 2M"). Timesteps: steps + 1
 * spaced points with the smallest dropped; σ_i = √((1−ā)/ā) at each, then a final σ of 0 ({@code
 * final_sigmas_type} zero) or σ(0) ({@code sigma_min}). With α = 1/√(σ²+1), s = σα and λ = −ln σ,
 * each call turns the model output into the data prediction x0 = (x − s·eps)/α (v: αx − s·v) and
 * steps with h = λ_next − λ: first order x' = (s'/s)·x − α'(e^−h − 1)·x0 on the first call and the
 * last ({@code lower_order_final} below 15 steps, {@code euler_at_final}, or a final σ of 0, where
 * x' = x0), else second order with D = x0 + (x0 − x0_prev)/(2r), r = h_prev/h.
 */
final class DpmSolverSampler extends Sampler {
  private final int order;
  private final boolean lowerOrderFinal;
  private final boolean eulerAtFinal;
  private final boolean finalSigmaZero;

  DpmSolverSampler(JsonConfig c) {
    super(c);
    String algorithm = c.string("algorithm_type");
    if (!algorithm.equals("dpmsolver++")) {
      throw c.error(
          "algorithm_type", "'" + algorithm + "' is not supported (dsgen runs dpmsolver++)");
    }
    order = c.integer("solver_order");
    if (order != 1 && order != 2) {
      throw c.error("solver_order", "must be 1 or 2 (third order is not supported), got " + order);
    }
    if (!c.string("solver_type").equals("midpoint")) {
      throw c.error("solver_type", "'" + c.string("solver_type") + "' is not supported (midpoint)");
    }
    for (String flag :
        new String[] {
          "thresholding",
          "use_karras_sigmas",
          "use_exponential_sigmas",
          "use_beta_sigmas",
          "use_lu_lambdas",
          "use_flow_sigmas",
          "use_dynamic_shifting"
        }) {
      if (c.bool(flag, false)) {
        throw c.error(flag, "true is not supported");
      }
    }
    if (c.has("variance_type")) {
      throw c.error("variance_type", "learned variances are not supported");
    }
    JsonNode clipped = c.raw("lambda_min_clipped");
    if (clipped != null
        && !clipped.isNull()
        && !(clipped.isNumber() && clipped.doubleValue() == Double.NEGATIVE_INFINITY)) {
      throw c.error("lambda_min_clipped", "only -inf (no clipping) is supported, got " + clipped);
    }
    finalSigmaZero = finalSigmaZero(c);
    lowerOrderFinal = c.bool("lower_order_final", true);
    eulerAtFinal = c.bool("euler_at_final", false);
  }

  @Override
  public SamplerKind kind() {
    return SamplerKind.DPM_SOLVER_PP;
  }

  @Override
  double[] stepTimesteps(int steps) {
    if (spacing == Spacing.TRAILING) {
      return spaced(steps, 0, true);
    }
    return spaced(steps, 1, true);
  }

  /** σ of every call, then the final σ (float32 as diffusers stores them). */
  float[] sigmas(int steps) {
    return sigmas(stepTimesteps(steps), finalSigmaZero);
  }

  @Override
  public SamplerRun start(int steps) {
    checkSteps(steps);
    float[] sigma = sigmas(steps);
    return new SamplerRun(SamplerRun.floats(stepTimesteps(steps))) {
      private NDArray previous;
      private int lowerOrderNums;

      @Override
      public NDArray step(int i, NDArray x, NDArray out) {
        double alphaS = alpha(sigma[i]);
        double sS = sigma[i] * alphaS;
        NDArray x0 =
            prediction == Prediction.EPSILON
                ? x.sub(out.mul((float) sS)).div((float) alphaS)
                : x.mul((float) alphaS).sub(out.mul((float) sS));
        boolean last = i == steps - 1;
        boolean lowerFinal =
            last && (eulerAtFinal || (lowerOrderFinal && steps < 15) || finalSigmaZero);
        NDArray next;
        if (sigma[i + 1] == 0f) {
          // λ' = +inf: e^−h = 0 and s' = 0, so x' = x0 exactly
          next = x0.duplicate();
        } else {
          double alphaT = alpha(sigma[i + 1]);
          double sT = sigma[i + 1] * alphaT;
          double lambdaT = Math.log(alphaT) - Math.log(sT);
          double lambdaS = Math.log(alphaS) - Math.log(sS);
          double h = lambdaT - lambdaS;
          double coeff = alphaT * (Math.exp(-h) - 1.0);
          NDArray base = x.mul((float) (sT / sS));
          if (order == 1 || lowerOrderNums < 1 || lowerFinal) {
            next = base.sub(x0.mul((float) coeff));
          } else {
            double alphaP = alpha(sigma[i - 1]);
            double lambdaP = Math.log(alphaP) - Math.log(sigma[i - 1] * alphaP);
            double r = (lambdaS - lambdaP) / h;
            NDArray d1 = x0.sub(previous).mul((float) (1.0 / r));
            next = base.sub(x0.mul((float) coeff)).sub(d1.mul((float) (0.5 * coeff)));
          }
        }
        release(previous);
        previous = keep(x0);
        if (lowerOrderNums < order) {
          lowerOrderNums++;
        }
        return next;
      }

      @Override
      public void close() {
        release(previous);
        previous = null;
      }
    };
  }

  private static double alpha(double sigma) {
    return 1 / Math.sqrt(sigma * sigma + 1);
  }
}
