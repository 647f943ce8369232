package dsgen.diffusion.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dsgen.diffusion.ClassSpec;
import dsgen.diffusion.DeviceOptions;
import dsgen.diffusion.Fixtures;
import dsgen.diffusion.GenerationRequest;
import dsgen.diffusion.StableDiffusion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A thousand (999) denoising steps with attention capture on the tiny model (64×64 images to keep
 * it short) keep native memory flat: the number of live arrays of the generation is the same at
 * every step after the first, and resident memory after warm-up grows by less than 64 MiB (a leak
 * of one attention map per layer and step would add gigabytes).
 */
class MemoryFlatTest {
  private static final int STEPS = 999; // the most DDIM allows with steps_offset 1

  @Test
  @Timeout(600)
  void thousandStepsKeepArraysAndResidentMemoryFlat() {
    GenerationRequest r =
        GenerationRequest.builder()
            .prompt("a photo of a cat")
            .classPrompt("cat")
            .descriptivePrompt("a cat")
            .classes(List.of(new ClassSpec("cat", 8)))
            .seed(1)
            .width(64)
            .height(64)
            .steps(STEPS)
            .guidanceScale(7.5)
            .captureProfile(
                "ca_mean_8,ca_maxnorm_4,ca_layers_2,sa_mean_8,sa_maxnorm_4,sa_first_8,cpa_mean_8,ovam_8,pcc_features")
            .attentionDtype("float16")
            .build();
    List<Integer> arrays = new ArrayList<>();
    List<Long> rss = new ArrayList<>();
    try (StableDiffusion sd = StableDiffusion.load(Fixtures.tinyModel(), DeviceOptions.cpu())) {
      sd.generate(
          List.of(r),
          dsgen.diffusion.SeededLatents.INSTANCE,
          (step, t, out, latents) -> {
            arrays.add(latents.getManager().getManagedArrays().size());
            if (step % 100 == 99) {
              System.gc();
              rss.add(residentKib());
            }
          });
    }
    assertEquals(STEPS, arrays.size());
    // step 0 creates the per-layer prompt keys; the last step also holds PCC's temporaries while it
    // is observed
    List<Integer> steady = arrays.subList(1, STEPS - 1);
    assertEquals(
        1,
        steady.stream().distinct().count(),
        "live arrays changed between steps: " + steady.stream().distinct().toList());
    long growth = rss.get(rss.size() - 1) - rss.get(1);
    assertTrue(
        growth < 64 * 1024,
        "resident memory grew by " + growth / 1024 + " MiB after warm-up: " + rss);
  }

  private static long residentKib() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    throw new IllegalStateException("no VmRSS in /proc/self/status");
  }
}
