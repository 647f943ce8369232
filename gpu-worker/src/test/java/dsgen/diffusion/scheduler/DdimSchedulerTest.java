package dsgen.diffusion.scheduler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dsgen.diffusion.Fixtures;
import dsgen.diffusion.ModelLoadException;
import dsgen.diffusion.io.JsonConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DdimSchedulerTest {
  private static DdimScheduler scheduler(Path dir, String json) throws Exception {
    Path f = Files.writeString(dir.resolve("scheduler_config.json"), json);
    return DdimScheduler.from(JsonConfig.read(f, "scheduler configuration"));
  }

  @Test
  void alphasCumprodMatchTheReference() {
    DdimScheduler s =
        DdimScheduler.from(
            JsonConfig.read(
                Fixtures.tinyModel().resolve("scheduler/scheduler_config.json"),
                "scheduler configuration"));
    Fixtures.assertClose(
        "alphas_cumprod", s.alphasCumprod(), Fixtures.npy("alphas_cumprod.npy").floats());
    assertArrayEquals(new int[] {801, 601, 401, 201, 1}, s.timesteps(5));
  }

  @Test
  void sd2BasePndmConfigGivesTheSameDdimSchedule() {
    DdimScheduler s =
        DdimScheduler.from(
            JsonConfig.read(
                Fixtures.root().resolve("sd2-base-configs/scheduler/scheduler_config.json"),
                "scheduler configuration"));
    assertArrayEquals(new int[] {801, 601, 401, 201, 1}, s.timesteps(5));
    Fixtures.assertClose(
        "alphas_cumprod", s.alphasCumprod(), Fixtures.npy("alphas_cumprod.npy").floats());
  }

  @Test
  void trailingAndLinspaceSpacingFollowDiffusers(@TempDir Path dir) throws Exception {
    String base = "{\"beta_schedule\":\"scaled_linear\",\"beta_start\":0.00085,\"beta_end\":0.012,";
    assertArrayEquals(
        new int[] {999, 799, 599, 399, 199},
        scheduler(dir, base + "\"timestep_spacing\":\"trailing\"}").timesteps(5));
    assertArrayEquals(
        new int[] {999, 749, 500, 250, 0},
        scheduler(dir, base + "\"timestep_spacing\":\"linspace\"}").timesteps(5));
  }

  @Test
  void aConfigWithoutItsBetaScheduleIsRejectedByName(@TempDir Path dir) {
    ModelLoadException e =
        assertThrows(
            ModelLoadException.class,
            () ->
                scheduler(dir, "{\"_class_name\":\"PNDMScheduler\",\"num_train_timesteps\":1000}"));
    assertTrue(
        e.getMessage().contains("scheduler_config.json")
            && e.getMessage().contains("beta_schedule"),
        e.getMessage());
  }
}
