package dsgen.diffusion.scheduler;

import ai.djl.ndarray.NDArray;
import dsgen.diffusion.io.JsonConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * PNDM with {@code skip_prk_steps} ({@code PNDMScheduler}'s PLMS part, the SD 1.x default): for
 * grid t_0 &gt; … &gt; t_{n−1} the UNet runs at t_0, t_1, t_1, t_2, …, t_{n−1} (n + 1 calls). Call
 * 0 steps t_0 → t_1 with its own output e_0, a first estimate that only feeds call 1; call 1
 * restarts from the call-0 latents with (e_0 + e_1) / 2 (pseudo improved Euler); later calls use
 * the Adams– Bashforth combinations of the last kept outputs (e_1 is never kept): (3e − e')/2, (23e
 * − 16e' + 5e'')/12, then (55e − 59e' + 37e'' − 9e''')/24. Every update is PNDM's transfer (its eq.
 * 9, the DDIM eta 0 step): x' = √(ā'/ā)·x − (ā' − ā)·eps / (ā·√(1−ā') + √(ā(1−ā)ā')), ā' =
 * alphas_cumprod[0] (or 1 with {@code set_alpha_to_one}) below t = 0. A v-prediction model's
 * combined output is turned into eps at the step's start time and sample, as diffusers does.
 */
final class PndmSampler extends Sampler {
  private final float finalAlphaCumprod;

  PndmSampler(JsonConfig c) {
    super(c);
    if (!c.bool("skip_prk_steps", false)) {
      throw c.error(
          "skip_prk_steps",
          "false (PNDM's Runge-Kutta warm-up) is not supported; dsgen runs PNDM with"
              + " skip_prk_steps true, as Stable Diffusion's own configurations do");
    }
    this.finalAlphaCumprod = c.bool("set_alpha_to_one", false) ? 1f : schedule.alphaCumprod(0);
  }

  @Override
  public SamplerKind kind() {
    return SamplerKind.PNDM;
  }

  @Override
  double[] stepTimesteps(int steps) {
    return spaced(steps, 0, true);
  }

  /** The UNet timesteps: the grid with its second timestep repeated (one call for one step). */
  static int[] callTimesteps(double[] grid) {
    int n = grid.length;
    int[] calls = new int[n == 1 ? 1 : n + 1];
    calls[0] = (int) grid[0];
    for (int i = 1; i < n; i++) {
      calls[i + 1] = (int) grid[i];
    }
    if (n > 1) {
      calls[1] = (int) grid[1];
    }
    return calls;
  }

  @Override
  public SamplerRun start(int steps) {
    checkSteps(steps);
    int[] calls = callTimesteps(stepTimesteps(steps));
    float[] t = new float[calls.length];
    for (int i = 0; i < t.length; i++) {
      t[i] = calls[i];
    }
    int stride = trainSteps() / steps;
    return new SamplerRun(t) {
      private final List<NDArray> kept = new ArrayList<>();
      private NDArray firstSample;

      @Override
      public NDArray step(int call, NDArray x, NDArray out) {
        int from = calls[call];
        int to = from - stride;
        if (call != 1) {
          if (kept.size() == 4) {
            release(kept.remove(0));
          }
          kept.add(keep(out.duplicate()));
        } else {
          to = from;
          from = from + stride;
        }
        int n = kept.size();
        NDArray eps;
        NDArray sample = x;
        if (call == 0) {
          eps = out;
          firstSample = keep(x.duplicate());
        } else if (call == 1) {
          eps = out.add(kept.get(n - 1)).div(2);
          sample = firstSample;
        } else if (n == 2) {
          eps = kept.get(n - 1).mul(3).sub(kept.get(n - 2)).div(2);
        } else if (n == 3) {
          eps =
              kept.get(n - 1)
                  .mul(23)
                  .sub(kept.get(n - 2).mul(16))
                  .add(kept.get(n - 3).mul(5))
                  .div(12);
        } else {
          eps =
              kept.get(n - 1)
                  .mul(55)
                  .sub(kept.get(n - 2).mul(59))
                  .add(kept.get(n - 3).mul(37))
                  .sub(kept.get(n - 4).mul(9))
                  .mul(1 / 24f);
        }
        NDArray next = transfer(sample, from, to, eps);
        if (call == 1) {
          release(firstSample);
          firstSample = null;
        }
        return next;
      }

      @Override
      public void close() {
        kept.forEach(SamplerRun::release);
        kept.clear();
        release(firstSample);
        firstSample = null;
      }
    };
  }

  private NDArray transfer(NDArray x, int from, int to, NDArray out) {
    double at = schedule.alphaCumprod(from);
    double ap = to >= 0 ? schedule.alphaCumprod(to) : finalAlphaCumprod;
    double[] e = epsilonCoefficients(prediction, at);
    NDArray eps = e[0] == 0 ? out : out.mul((float) e[1]).add(x.mul((float) e[0]));
    double sampleCoeff = Math.sqrt(ap / at);
    double denom = at * Math.sqrt(1 - ap) + Math.sqrt(at * (1 - at) * ap);
    return x.mul((float) sampleCoeff).sub(eps.mul((float) ((ap - at) / denom)));
  }
}
