package dsgen.diffusion.scheduler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dsgen.diffusion.Fixtures;
import dsgen.diffusion.ModelLoadException;
import dsgen.diffusion.io.JsonConfig;
import dsgen.generation.Samplers;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scheduler configurations resolved per sampler as diffusers' from_config does, the folder's
 * default sampler, and the timestep spacings of each class (expected values worked out from
 * diffusers' set_timesteps formulas by hand in the comments).
 */
class SchedulerConfigTest {
  private static SchedulerConfig config(Path dir, String json) throws Exception {
    Path f = Files.writeString(dir.resolve("scheduler_config.json"), json);
    return SchedulerConfig.of(JsonConfig.read(f, "scheduler configuration"));
  }

  private static SchedulerConfig sd2Base() {
    return SchedulerConfig.of(
        JsonConfig.read(
            Fixtures.root().resolve("sd2-base-configs/scheduler/scheduler_config.json"),
            "scheduler configuration"));
  }

  private static final String BETAS =
      "\"beta_schedule\":\"scaled_linear\",\"beta_start\":0.00085,\"beta_end\":0.012";

  @Test
  void ddimOfTheTinyModelAndOfSd2BasesPndmFileIsTheDdimGoldensSchedule() {
    for (SchedulerConfig c :
        new SchedulerConfig[] {
          SchedulerConfig.of(
              JsonConfig.read(
                  Fixtures.tinyModel().resolve("scheduler/scheduler_config.json"),
                  "scheduler configuration")),
          sd2Base()
        }) {
      Sampler s = Sampler.create(SamplerKind.DDIM, c);
      Fixtures.assertClose(
          "alphas_cumprod", s.alphasCumprod(), Fixtures.npy("alphas_cumprod.npy").floats());
      try (SamplerRun run = s.start(5)) {
        assertArrayEquals(new int[] {801, 601, 401, 201, 1}, run.recordedTimesteps());
      }
      assertEquals(999, s.maxSteps());
    }
  }

  @Test
  void theSamplersAreTheContractsList() {
    assertEquals(
        Samplers.NAMES,
        java.util.Arrays.stream(SamplerKind.values()).map(SamplerKind::id).toList());
  }

  @Test
  void theFoldersOwnClassIsTheDefaultWhenSupportedElseDdim(@TempDir Path dir) throws Exception {
    assertEquals(SamplerKind.PNDM, ModelSamplers.of(sd2Base()).folderDefault());
    assertEquals(
        SamplerKind.DPM_SOLVER_PP,
        ModelSamplers.of(
                config(dir, "{\"_class_name\":\"DPMSolverMultistepScheduler\"," + BETAS + "}"))
            .folderDefault());
    assertEquals(
        SamplerKind.DDIM,
        ModelSamplers.of(config(dir, "{\"_class_name\":\"LMSDiscreteScheduler\"," + BETAS + "}"))
            .folderDefault());
    // PNDM with its Runge-Kutta warm-up is not supported: the default falls back to DDIM and
    // asking for pndm says why
    ModelSamplers prk =
        ModelSamplers.of(config(dir, "{\"_class_name\":\"PNDMScheduler\"," + BETAS + "}"));
    assertEquals(SamplerKind.DDIM, prk.folderDefault());
    assertTrue(prk.get(SamplerKind.PNDM).isEmpty());
    assertTrue(
        prk.refusal(SamplerKind.PNDM).contains("skip_prk_steps"), prk.refusal(SamplerKind.PNDM));
  }

  @Test
  void absentKeysTakeTheFilesOwnClassDefaultsThenTheTargets(@TempDir Path dir) throws Exception {
    // SD2-base's PNDM file has no timestep_spacing: PNDM's default "leading" carries to Euler
    // (whose own default is linspace): r = 1000 // 4 = 250, t = 750, 500, 250, 0 + offset 1
    try (SamplerRun run = Sampler.create(SamplerKind.EULER, sd2Base()).start(4)) {
      assertArrayEquals(new int[] {751, 501, 251, 1}, run.recordedTimesteps());
    }
    // a file without _class_name: Euler's own default linspace, 999 * k / 3 not rounded
    SchedulerConfig bare = config(dir, "{" + BETAS + "}");
    try (SamplerRun run = Sampler.create(SamplerKind.EULER, bare).start(4)) {
      assertArrayEquals(new float[] {999f, 666f, 333f, 0f}, run.timesteps());
    }
    // DPM-Solver's own linspace spreads steps + 1 points: round(999 * k / 4) for k = 4..1
    try (SamplerRun run = Sampler.create(SamplerKind.DPM_SOLVER_PP, bare).start(4)) {
      assertArrayEquals(new int[] {999, 749, 500, 250}, run.recordedTimesteps());
    }
    // a PNDM file saying neither: PNDM has no clip_sample, so DDIM's default true applies (a
    // clipping DDIM, as diffusers builds it); PNDM's own set_alpha_to_one default false carries
    // over DDIM's default true
    JsonConfig ddim =
        config(dir, "{\"_class_name\":\"PNDMScheduler\"," + BETAS + "}").resolve(SamplerKind.DDIM);
    assertTrue(ddim.bool("clip_sample", false));
    assertFalse(ddim.bool("set_alpha_to_one", true));
    // ... while DDIM's own file keeps what it says, and a PNDM from another class skips PRK
    JsonConfig tiny =
        SchedulerConfig.of(
                JsonConfig.read(
                    Fixtures.tinyModel().resolve("scheduler/scheduler_config.json"),
                    "scheduler configuration"))
            .resolve(SamplerKind.PNDM);
    assertTrue(tiny.bool("skip_prk_steps", false));
    assertFalse(tiny.has("clip_sample"));
  }

  @Test
  void trailingAndLinspaceSpacingFollowDiffusers(@TempDir Path dir) throws Exception {
    SchedulerConfig trailing = config(dir, "{" + BETAS + ",\"timestep_spacing\":\"trailing\"}");
    try (SamplerRun run = Sampler.create(SamplerKind.DDIM, trailing).start(5)) {
      assertArrayEquals(new int[] {999, 799, 599, 399, 199}, run.recordedTimesteps());
    }
    SchedulerConfig linspace = config(dir, "{" + BETAS + ",\"timestep_spacing\":\"linspace\"}");
    try (SamplerRun run = Sampler.create(SamplerKind.DDIM, linspace).start(5)) {
      assertArrayEquals(new int[] {999, 749, 500, 250, 0}, run.recordedTimesteps());
    }
    // PNDM repeats the second grid point: grid 999, 749, 500, 250, 0
    try (SamplerRun run = Sampler.create(SamplerKind.PNDM, linspace).start(5)) {
      assertArrayEquals(new int[] {999, 749, 749, 500, 250, 0}, run.recordedTimesteps());
    }
  }

  @Test
  void unsupportedKeysAreRefusedByName(@TempDir Path dir) throws Exception {
    ModelLoadException karras =
        assertThrows(
            ModelLoadException.class,
            () ->
                Sampler.create(
                    SamplerKind.DPM_SOLVER_PP,
                    config(
                        dir,
                        "{\"_class_name\":\"DPMSolverMultistepScheduler\","
                            + BETAS
                            + ",\"use_karras_sigmas\":true}")));
    assertTrue(karras.getMessage().contains("use_karras_sigmas"), karras.getMessage());
    ModelLoadException noBetas =
        assertThrows(
            ModelLoadException.class,
            () ->
                ModelSamplers.of(
                    config(
                        dir,
                        "{\"_class_name\":\"PNDMScheduler\",\"num_train_timesteps\":1000,"
                            + "\"beta_schedule\":\"cosine\"}")));
    assertTrue(
        noBetas.getMessage().contains("scheduler_config.json")
            && noBetas.getMessage().contains("beta_schedule"),
        noBetas.getMessage());
    // diffusers writes float('-inf') as -Infinity: readable, and means no clipping
    Sampler.create(
        SamplerKind.DPM_SOLVER_PP,
        config(
            dir,
            "{\"_class_name\":\"DPMSolverMultistepScheduler\","
                + BETAS
                + ",\"lambda_min_clipped\":-Infinity}"));
  }
}
