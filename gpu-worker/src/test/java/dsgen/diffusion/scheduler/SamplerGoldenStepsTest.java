package dsgen.diffusion.scheduler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dsgen.diffusion.Fixtures;
import dsgen.diffusion.io.JsonConfig;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each sampler, built from the tiny model's DDIM scheduler_config.json as diffusers' from_config
 * does, against its golden run (diffusers 0.35.2, 8 steps): timesteps, sigmas and the initial noise
 * scale exactly as the golden lists them (sigmas within float32 rounding), and every call's update
 * fed with the golden's own UNet outputs and latents (teacher forcing: the update alone, without
 * the UNet's float differences) within 1e-4 × max|golden|, the golden READMEs' float32 tolerance.
 * The guidance u + 7.5·(c − u) is recomputed here from the stored raw outputs.
 */
class SamplerGoldenStepsTest {
  private static final int STEPS = 8;
  private static final int LATENT = 4 * 32 * 32;

  static Sampler sampler(SamplerKind kind) {
    return Sampler.create(
        kind,
        SchedulerConfig.of(
            JsonConfig.read(
                Fixtures.tinyModel().resolve("scheduler/scheduler_config.json"),
                "scheduler configuration")));
  }

  @ParameterizedTest
  @CsvSource({"PNDM,pndm", "DPM_SOLVER_PP,dpmsolver", "EULER,euler"})
  void timestepsSigmasAndInitialScaleAreTheGoldens(SamplerKind kind, String golden) {
    Sampler s = sampler(kind);
    Fixtures.assertClose(
        "alphas_cumprod",
        s.alphasCumprod(),
        Fixtures.samplerNpy(golden, "alphas_cumprod.npy").floats());
    try (SamplerRun run = s.start(STEPS)) {
      double[] expected = Fixtures.samplerNpy(golden, "timesteps.npy").values();
      float[] mine = run.timesteps();
      assertEquals(expected.length, mine.length, "UNet calls");
      for (int i = 0; i < mine.length; i++) {
        assertEquals(expected[i], mine[i], 0.0, "timestep of call " + i);
      }
      float[] noise = Fixtures.samplerNpy(golden, "noise_init.npy").floats();
      float[] init = Fixtures.samplerNpy(golden, "latents_init.npy").floats();
      float[] scaled = new float[noise.length];
      for (int i = 0; i < noise.length; i++) {
        scaled[i] = noise[i] * run.initNoiseSigma();
      }
      Fixtures.assertClose("latents_init = noise x init_noise_sigma", scaled, init);
    }
    if (!golden.equals("pndm")) {
      float[] sig =
          kind == SamplerKind.EULER
              ? ((EulerSampler) s).sigmas(STEPS)
              : ((DpmSolverSampler) s).sigmas(STEPS);
      // float32 values computed the same way: equal up to one rounding of the square root
      Fixtures.assertClose("sigmas", sig, Fixtures.samplerNpy(golden, "sigmas.npy").floats());
    }
  }

  @ParameterizedTest
  @CsvSource({"PNDM,pndm", "DPM_SOLVER_PP,dpmsolver", "EULER,euler"})
  void everyUpdateFromTheGoldensOwnModelOutputsMatches(SamplerKind kind, String golden) {
    float[] raw = Fixtures.samplerNpy(golden, "noise_pred_all.npy").floats();
    float[] steps = Fixtures.samplerNpy(golden, "latents_steps.npy").floats();
    float[] init = Fixtures.samplerNpy(golden, "latents_init.npy").floats();
    float[] unetInputs =
        golden.equals("euler") ? Fixtures.samplerNpy(golden, "unet_input_all.npy").floats() : null;
    Shape shape = new Shape(1, 4, 32, 32);
    try (NDManager m = NDManager.newBaseManager();
        SamplerRun run = sampler(kind).start(STEPS)) {
      int calls = run.calls();
      float[] mine = new float[calls * LATENT];
      float[] inputs = new float[calls * LATENT];
      float[] x = init;
      for (int i = 0; i < calls; i++) {
        float[] guided = new float[LATENT];
        for (int j = 0; j < LATENT; j++) {
          float u = raw[(2 * i) * LATENT + j];
          float c = raw[(2 * i + 1) * LATENT + j];
          guided[j] = u + (c - u) * 7.5f;
        }
        NDArray xi = m.create(x, shape);
        System.arraycopy(xi.mul(run.inputScale(i)).toFloatArray(), 0, inputs, i * LATENT, LATENT);
        NDArray next = run.step(i, xi, m.create(guided, shape));
        System.arraycopy(next.toFloatArray(), 0, mine, i * LATENT, LATENT);
        // teacher forcing: the next call starts from the golden's latents
        x = Arrays.copyOfRange(steps, i * LATENT, (i + 1) * LATENT);
      }
      Fixtures.assertClose(golden + " latents_steps", mine, steps);
      if (unetInputs != null) {
        Fixtures.assertClose(golden + " unet_input_all", inputs, unetInputs);
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"PNDM,pndm", "DPM_SOLVER_PP,dpmsolver", "EULER,euler"})
  void recordedTimestepsAreTheIntegerUnetTimesteps(SamplerKind kind, String golden) {
    try (SamplerRun run = sampler(kind).start(STEPS)) {
      assertArrayEquals(
          Arrays.stream(Fixtures.samplerNpy(golden, "timesteps.npy").values())
              .mapToInt(v -> (int) v)
              .toArray(),
          run.recordedTimesteps());
    }
  }
}
