package dsgen.diffusion.scheduler;

import dsgen.diffusion.io.JsonConfig;

/**
 * The training noise schedule of a scheduler configuration: betas ({@code scaled_linear}: linspace
 * of √β then squared; {@code linear}; or explicit {@code trained_betas}) and their cumulative alpha
 * products, in float32 as diffusers computes them.
 */
final class NoiseSchedule {
  private final float[] alphasCumprod;

  private NoiseSchedule(float[] alphasCumprod) {
    this.alphasCumprod = alphasCumprod;
  }

  static NoiseSchedule from(JsonConfig c) {
    int train = c.integer("num_train_timesteps");
    if (train < 1) {
      throw c.error("num_train_timesteps", "must be at least 1, got " + train);
    }
    if (c.bool("rescale_betas_zero_snr", false)) {
      throw c.error("rescale_betas_zero_snr", "not supported");
    }
    float[] betas = betas(c, train);
    float[] ac = new float[train];
    float prod = 1f;
    for (int i = 0; i < train; i++) {
      prod *= 1f - betas[i];
      ac[i] = prod;
    }
    return new NoiseSchedule(ac);
  }

  int trainSteps() {
    return alphasCumprod.length;
  }

  /** alphas_cumprod[t] (float32). */
  float alphaCumprod(int t) {
    return alphasCumprod[t];
  }

  float[] alphasCumprod() {
    return alphasCumprod.clone();
  }

  /** sqrt((1 - ā) / ā) per training step, in float32 as torch computes it. */
  float[] sigmas() {
    float[] s = new float[alphasCumprod.length];
    for (int t = 0; t < s.length; t++) {
      float a = alphasCumprod[t];
      s[t] = (float) Math.sqrt((1f - a) / a);
    }
    return s;
  }

  /** numpy's interp of the sigma table at a (possibly fractional) timestep, in float32. */
  static float interpolate(float[] table, double t) {
    if (t <= 0) {
      return table[0];
    }
    if (t >= table.length - 1) {
      return table[table.length - 1];
    }
    int lo = (int) Math.floor(t);
    double frac = t - lo;
    if (frac == 0) {
      return table[lo];
    }
    return (float) (table[lo] + ((double) table[lo + 1] - table[lo]) * frac);
  }

  private static float[] betas(JsonConfig c, int train) {
    if (c.has("trained_betas")) {
      int n = c.node("trained_betas").size();
      if (n != train) {
        throw c.error("trained_betas", "expected " + train + " values, found " + n);
      }
      float[] out = new float[train];
      for (int i = 0; i < train; i++) {
        out[i] = (float) c.node("trained_betas").get(i).asDouble();
      }
      return out;
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
      case "linear" ->
          System.arraycopy(linspace((float) start, (float) end, train), 0, out, 0, train);
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
}
