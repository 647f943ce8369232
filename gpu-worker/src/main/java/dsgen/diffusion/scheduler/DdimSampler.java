package dsgen.diffusion.scheduler;

import ai.djl.ndarray.NDArray;
import dsgen.diffusion.io.JsonConfig;

/**
 * DDIM, eta 0 ({@code DDIMScheduler}): x0 and eps from the model output at t, then x_prev =
 * √ā_prev·x0 + √(1−ā_prev)·eps with prev = t − train/steps; {@code set_alpha_to_one} false makes
 * the last step land on alphas_cumprod[0]; optional sample clipping ({@code clip_sample}, DDIM's
 * default true when the file does not say).
 */
final class DdimSampler extends Sampler {
  private final float finalAlphaCumprod;
  private final boolean clipSample;
  private final float clipRange;

  DdimSampler(JsonConfig c) {
    super(c);
    if (c.bool("thresholding", false)) {
      throw c.error("thresholding", "dynamic thresholding is not supported");
    }
    this.finalAlphaCumprod = c.bool("set_alpha_to_one", true) ? 1f : schedule.alphaCumprod(0);
    this.clipSample = c.bool("clip_sample", true);
    this.clipRange = (float) c.number("clip_sample_range", 1.0);
  }

  @Override
  public SamplerKind kind() {
    return SamplerKind.DDIM;
  }

  @Override
  double[] stepTimesteps(int steps) {
    return spaced(steps, 0, true);
  }

  @Override
  public SamplerRun start(int steps) {
    checkSteps(steps);
    int[] t = new int[steps];
    double[] spaced = stepTimesteps(steps);
    for (int i = 0; i < steps; i++) {
      t[i] = (int) spaced[i];
    }
    int stride = trainSteps() / steps;
    return new SamplerRun(SamplerRun.floats(spaced)) {
      @Override
      public NDArray step(int call, NDArray x, NDArray out) {
        int prev = t[call] - stride;
        double at = schedule.alphaCumprod(t[call]);
        double ap = prev >= 0 ? schedule.alphaCumprod(prev) : finalAlphaCumprod;
        double sa = Math.sqrt(at);
        double sb = Math.sqrt(1 - at);
        // x0 = x0FromX·x + x0FromOut·out; eps = epsFromX·x + epsFromOut·out
        double x0FromX = prediction == Prediction.EPSILON ? 1 / sa : sa;
        double x0FromOut = prediction == Prediction.EPSILON ? -sb / sa : -sb;
        double[] eps = epsilonCoefficients(prediction, at);
        NDArray x0 = x.mul((float) x0FromX).add(out.mul((float) x0FromOut));
        if (clipSample) {
          x0 = x0.clip(-clipRange, clipRange);
        }
        NDArray e =
            eps[0] == 0
                ? out.mul((float) eps[1])
                : x.mul((float) eps[0]).add(out.mul((float) eps[1]));
        return x0.mul((float) Math.sqrt(ap)).add(e.mul((float) Math.sqrt(1 - ap)));
      }
    };
  }
}
