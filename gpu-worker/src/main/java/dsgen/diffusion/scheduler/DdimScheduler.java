package dsgen.diffusion.scheduler;

import dsgen.diffusion.io.JsonConfig;

/**
 * DDIM (eta 0) built from a diffusers scheduler configuration of any class (SD2-base ships a PNDM
 * config; what matters is its beta schedule): betas {@code scaled_linear} (linspace of √β then
 * squared) or {@code linear} or explicit {@code trained_betas}, in float32 as diffusers computes
 * them; {@code set_alpha_to_one=false} makes the last step land on alphas_cumprod[0]; {@code
 * steps_offset}; timestep spacing leading, trailing or linspace; epsilon or v prediction; optional
 * sample clipping.
 */
public final class DdimScheduler {
  /** How inference timesteps are spread over the training steps. */
  public enum Spacing {
    LEADING,
    TRAILING,
    LINSPACE
  }

  /** What the UNet predicts. */
  public enum Prediction {
    EPSILON,
    V_PREDICTION
  }

  private final int trainSteps;
  private final float[] alphasCumprod;
  private final float finalAlphaCumprod;
  private final int stepsOffset;
  private final Spacing spacing;
  private final Prediction prediction;
  private final boolean clipSample;
  private final float clipRange;

  private DdimScheduler(
      int trainSteps,
      float[] alphasCumprod,
      float finalAlphaCumprod,
      int stepsOffset,
      Spacing spacing,
      Prediction prediction,
      boolean clipSample,
      float clipRange) {
    this.trainSteps = trainSteps;
    this.alphasCumprod = alphasCumprod;
    this.finalAlphaCumprod = finalAlphaCumprod;
    this.stepsOffset = stepsOffset;
    this.spacing = spacing;
    this.prediction = prediction;
    this.clipSample = clipSample;
    this.clipRange = clipRange;
  }

  public static DdimScheduler from(JsonConfig c) {
    int train = c.integer("num_train_timesteps", 1000);
    float[] betas = betas(c, train);
    float[] ac = new float[train];
    float prod = 1f;
    for (int i = 0; i < train; i++) {
      prod *= 1f - betas[i];
      ac[i] = prod;
    }
    boolean alphaToOne = c.bool("set_alpha_to_one", false);
    Spacing spacing =
        switch (c.string("timestep_spacing", "leading")) {
          case "leading" -> Spacing.LEADING;
          case "trailing" -> Spacing.TRAILING;
          case "linspace" -> Spacing.LINSPACE;
          default ->
              throw c.error(
                  "timestep_spacing",
                  "unsupported value '"
                      + c.string("timestep_spacing")
                      + "' (leading, trailing or linspace)");
        };
    Prediction prediction =
        switch (c.string("prediction_type", "epsilon")) {
          case "epsilon" -> Prediction.EPSILON;
          case "v_prediction" -> Prediction.V_PREDICTION;
          default ->
              throw c.error(
                  "prediction_type",
                  "unsupported value '"
                      + c.string("prediction_type")
                      + "' (epsilon or v_prediction)");
        };
    if (c.bool("thresholding", false)) {
      throw c.error("thresholding", "dynamic thresholding is not supported");
    }
    if (c.bool("rescale_betas_zero_snr", false)) {
      throw c.error("rescale_betas_zero_snr", "not supported");
    }
    return new DdimScheduler(
        train,
        ac,
        alphaToOne ? 1f : ac[0],
        c.integer("steps_offset", 0),
        spacing,
        prediction,
        c.bool("clip_sample", false),
        (float) c.number("clip_sample_range", 1.0));
  }

  private static float[] betas(JsonConfig c, int train) {
    if (c.has("trained_betas")) {
      double[] given = new double[c.node("trained_betas").size()];
      if (given.length != train) {
        throw c.error("trained_betas", "expected " + train + " values, found " + given.length);
      }
      float[] out = new float[train];
      for (int i = 0; i < train; i++) {
        out[i] = (float) c.node("trained_betas").get(i).asDouble();
      }
      return out;
    }
    if (!c.has("beta_schedule") || !c.has("beta_start") || !c.has("beta_end")) {
      throw c.error(
          "beta_schedule",
          "missing beta schedule (beta_schedule, beta_start and beta_end, or "
              + "trained_betas, are required)");
    }
    String schedule = c.string("beta_schedule");
    double start = c.number("beta_start");
    double end = c.number("beta_end");
    float[] out = new float[train];
    switch (schedule) {
      case "scaled_linear" -> {
        float[] roots = linspace((float) Math.sqrt(start), (float) Math.sqrt(end), train);
        for (int i = 0; i < train; i++) {
          out[i] = roots[i] * roots[i];
        }
      }
      case "linear" -> {
        float[] lin = linspace((float) start, (float) end, train);
        System.arraycopy(lin, 0, out, 0, train);
      }
      default ->
          throw c.error(
              "beta_schedule",
              "unsupported beta schedule '" + schedule + "' (scaled_linear or linear)");
    }
    return out;
  }

  // torch.linspace in float32: start + i*step for the first half, end - (n-1-i)*step for the second
  // half.
  private static float[] linspace(float start, float end, int n) {
    float[] out = new float[n];
    if (n == 1) {
      out[0] = start;
      return out;
    }
    float step = (end - start) / (n - 1);
    int half = n / 2;
    for (int i = 0; i < n; i++) {
      out[i] = i < half ? start + step * i : end - step * (n - 1 - i);
    }
    return out;
  }

  /**
   * The largest number of steps whose timesteps stay below the training horizon (999 with
   * steps_offset 1).
   */
  public int maxSteps() {
    int n = trainSteps;
    while (n > 1 && rawTimesteps(n)[0] >= trainSteps) {
      n--;
    }
    return n;
  }

  /** The timesteps of an {@code steps}-step run, in denoising order (largest first). */
  public int[] timesteps(int steps) {
    if (steps < 1 || steps > trainSteps || rawTimesteps(steps)[0] >= trainSteps) {
      throw new IllegalArgumentException("steps must be in 1.." + maxSteps() + ", got " + steps);
    }
    return rawTimesteps(steps);
  }

  private int[] rawTimesteps(int steps) {
    int[] t = new int[steps];
    switch (spacing) {
      case LEADING -> {
        int ratio = trainSteps / steps;
        for (int i = 0; i < steps; i++) {
          t[i] = (steps - 1 - i) * ratio + stepsOffset;
        }
      }
      case TRAILING -> {
        double ratio = trainSteps / (double) steps;
        for (int i = 0; i < steps; i++) {
          // np.round(np.arange(train, 0, -ratio)) - 1
          t[i] = (int) Math.rint(trainSteps - i * ratio) - 1;
        }
      }
      case LINSPACE -> {
        for (int i = 0; i < steps; i++) {
          double v = (trainSteps - 1) * (double) (steps - 1 - i) / Math.max(steps - 1, 1);
          t[i] = (int) Math.rint(v);
        }
      }
      default -> throw new IllegalStateException();
    }
    return t;
  }

  /** alphas_cumprod (float32), exposed for conformance tests. */
  public float[] alphasCumprod() {
    return alphasCumprod.clone();
  }

  /**
   * The coefficients of one DDIM step from t to the previous timestep: x_prev = a·x +
   * b·model_output. Keeping the update as two scalars lets the pipeline apply it with two device
   * ops.
   */
  public StepCoefficients coefficients(int t, int steps) {
    int prev = t - trainSteps / steps;
    double at = alphasCumprod[t];
    double ap = prev >= 0 ? alphasCumprod[prev] : finalAlphaCumprod;
    double sa = Math.sqrt(at);
    double sb = Math.sqrt(1 - at);
    // x0 and eps from the model output, then x_prev = sqrt(ap)·x0 + sqrt(1-ap)·eps
    double x0FromX;
    double x0FromOut;
    double epsFromX;
    double epsFromOut;
    if (prediction == Prediction.EPSILON) {
      x0FromX = 1 / sa;
      x0FromOut = -sb / sa;
      epsFromX = 0;
      epsFromOut = 1;
    } else {
      x0FromX = sa;
      x0FromOut = -sb;
      epsFromX = sb;
      epsFromOut = sa;
    }
    return new StepCoefficients(
        (float) x0FromX,
        (float) x0FromOut,
        (float) epsFromX,
        (float) epsFromOut,
        (float) Math.sqrt(ap),
        (float) Math.sqrt(1 - ap),
        clipSample,
        clipRange);
  }

  /**
   * x0 = x0FromX·x + x0FromOut·out; eps = epsFromX·x + epsFromOut·out; x_prev = sqrtAlphaPrev·x0 +
   * sqrtOneMinus·eps.
   */
  public record StepCoefficients(
      float x0FromX,
      float x0FromOut,
      float epsFromX,
      float epsFromOut,
      float sqrtAlphaPrev,
      float sqrtOneMinusAlphaPrev,
      boolean clip,
      float clipRange) {}
}
