package dsgen.diffusion.scheduler;

import dsgen.diffusion.io.JsonConfig;

/**
 * A sampler built from a resolved scheduler configuration ({@link SchedulerConfig#resolve}): the
 * training noise schedule, the timestep spacing, {@code steps_offset} and what the UNet predicts.
 * {@link #start} gives the stateful run of one generation.
 */
public abstract class Sampler {
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

  final NoiseSchedule schedule;
  final Spacing spacing;
  final int stepsOffset;
  final Prediction prediction;
  private int maxSteps = -1;

  Sampler(JsonConfig c) {
    this.schedule = NoiseSchedule.from(c);
    this.spacing =
        switch (c.string("timestep_spacing")) {
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
    this.prediction =
        switch (c.string("prediction_type")) {
          case "epsilon" -> Prediction.EPSILON;
          case "v_prediction" -> Prediction.V_PREDICTION;
          default ->
              throw c.error(
                  "prediction_type",
                  "unsupported value '"
                      + c.string("prediction_type")
                      + "' (epsilon or v_prediction)");
        };
    this.stepsOffset = c.integer("steps_offset", 0);
  }

  /**
   * {@code kind}'s sampler from a model folder's scheduler configuration, as diffusers builds it.
   */
  public static Sampler create(SamplerKind kind, SchedulerConfig config) {
    JsonConfig c = config.resolve(kind);
    return switch (kind) {
      case DDIM -> new DdimSampler(c);
      case PNDM -> new PndmSampler(c);
      case DPM_SOLVER_PP -> new DpmSolverSampler(c);
      case EULER -> new EulerSampler(c);
    };
  }

  public abstract SamplerKind kind();

  /** The per-step timesteps of a {@code steps}-step run, largest first (before any repeat). */
  abstract double[] stepTimesteps(int steps);

  /** The stateful run of one {@code steps}-step generation; close it when the run ends. */
  public abstract SamplerRun start(int steps);

  /** The training steps (length of the noise schedule). */
  public int trainSteps() {
    return schedule.trainSteps();
  }

  /** alphas_cumprod (float32), for conformance tests. */
  public float[] alphasCumprod() {
    return schedule.alphasCumprod();
  }

  /**
   * The largest number of steps whose timesteps stay inside the training horizon and strictly
   * decrease (999 for leading spacing with steps_offset 1).
   */
  public synchronized int maxSteps() {
    if (maxSteps < 0) {
      int n = trainSteps();
      while (n > 1 && !fits(stepTimesteps(n))) {
        n--;
      }
      maxSteps = n;
    }
    return maxSteps;
  }

  /** Throws IllegalArgumentException when {@code steps} is outside 1..{@link #maxSteps()}. */
  void checkSteps(int steps) {
    if (steps < 1 || steps > trainSteps() || !fits(stepTimesteps(steps))) {
      throw new IllegalArgumentException(
          kind() + " steps must be in 1.." + maxSteps() + ", got " + steps);
    }
  }

  private boolean fits(double[] t) {
    for (int i = 0; i < t.length; i++) {
      if (t[i] < 0 || t[i] > trainSteps() - 1 || (i > 0 && t[i] >= t[i - 1])) {
        return false;
      }
    }
    return true;
  }

  // The spacings as diffusers' set_timesteps computes them, largest first. `extra` = 1 for
  // DPM-Solver, which spreads steps + 1 points and drops the smallest.
  double[] spaced(int steps, int extra, boolean roundLinspace) {
    int train = trainSteps();
    double[] t = new double[steps];
    int points = steps + extra;
    switch (spacing) {
      case LEADING -> {
        int ratio = train / points;
        for (int i = 0; i < steps; i++) {
          t[i] = (double) (points - 1 - i) * ratio + stepsOffset;
        }
      }
      case TRAILING -> {
        double ratio = train / (double) steps;
        for (int i = 0; i < steps; i++) {
          t[i] = Math.rint(train - i * ratio) - 1;
        }
      }
      case LINSPACE -> {
        // numpy.linspace(0, train - 1, points): i * step, the last point exactly train - 1
        double step = points > 1 ? (train - 1) / (double) (points - 1) : 0;
        for (int i = 0; i < steps; i++) {
          int k = points - 1 - i;
          double v = k == points - 1 && points > 1 ? train - 1 : k * step;
          t[i] = roundLinspace ? Math.rint(v) : (float) v;
        }
      }
      default -> throw new IllegalStateException();
    }
    return t;
  }

  /** {@code final_sigmas_type}: zero (true) or sigma_min (false). */
  static boolean finalSigmaZero(JsonConfig c) {
    return switch (c.string("final_sigmas_type")) {
      case "zero" -> true;
      case "sigma_min" -> false;
      default ->
          throw c.error(
              "final_sigmas_type", "'" + c.string("final_sigmas_type") + "' (zero or sigma_min)");
    };
  }

  /** σ = √((1−ā)/ā) interpolated at each timestep (float32), then 0 or σ(0). */
  float[] sigmas(double[] timesteps, boolean finalZero) {
    float[] table = schedule.sigmas();
    float[] s = new float[timesteps.length + 1];
    for (int i = 0; i < timesteps.length; i++) {
      s[i] = NoiseSchedule.interpolate(table, timesteps[i]);
    }
    s[timesteps.length] = finalZero ? 0f : table[0];
    return s;
  }

  /** The model output as epsilon, given the sample x at ā: v → √ā·v + √(1−ā)·x. */
  static double[] epsilonCoefficients(Prediction prediction, double alphaCumprod) {
    return prediction == Prediction.EPSILON
        ? new double[] {0, 1}
        : new double[] {Math.sqrt(1 - alphaCumprod), Math.sqrt(alphaCumprod)};
  }
}
