package dsgen.diffusion.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dsgen.diffusion.ClassSpec;
import dsgen.diffusion.DeviceOptions;
import dsgen.diffusion.Fixtures;
import dsgen.diffusion.GenerationOutput;
import dsgen.diffusion.GenerationRequest;
import dsgen.diffusion.StableDiffusion;
import dsgen.diffusion.io.SafetensorsFile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two requests in one UNet batch (4 rows with guidance) give what each gives alone: the capture
 * keeps the batch elements apart (uncond/cond rows, per-request class and descriptive prompts of
 * different lengths, per-request tensor sets). Tolerance 1e-4 × max|single| per tensor, PNG within
 * ±1 (batched kernels round differently).
 */
class BatchConsistencyTest {
  @TempDir Path dir;

  @Test
  void batchedRequestsMatchSingleRuns() throws Exception {
    GenerationRequest a =
        new GenerationRequest(
            "a photo of a cat on the grass",
            "",
            "cat grass",
            "a cat on the grass",
            List.of(new ClassSpec("cat", 8), new ClassSpec("grass", 3)),
            11,
            64,
            64,
            2,
            7.5,
            "full",
            "float32");
    GenerationRequest b =
        new GenerationRequest(
            "a photo of a dog",
            "blue",
            "",
            "dog",
            List.of(new ClassSpec("dog", 12)),
            12,
            64,
            64,
            2,
            7.5,
            "full",
            "float32");
    try (StableDiffusion sd = StableDiffusion.load(Fixtures.tinyModel(), DeviceOptions.cpu())) {
      List<GenerationOutput> batch = sd.generate(List.of(a, b));
      GenerationOutput aloneA = sd.generate(List.of(a)).get(0);
      GenerationOutput aloneB = sd.generate(List.of(b)).get(0);
      assertTrue(batch.get(0).tensorNames().contains("cpa_mean_2"));
      assertTrue(
          !batch.get(1).tensorNames().contains("cpa_mean_2"), "no class prompt, no cpa_mean");
      compare("a", batch.get(0), aloneA);
      compare("b", batch.get(1), aloneB);
    }
  }

  private void compare(String tag, GenerationOutput batched, GenerationOutput alone)
      throws Exception {
    assertEquals(alone.tensorNames(), batched.tensorNames());
    SafetensorsFile x =
        SafetensorsFile.open(Files.write(dir.resolve(tag + "-batched"), batched.attention()), "b");
    SafetensorsFile y =
        SafetensorsFile.open(Files.write(dir.resolve(tag + "-alone"), alone.attention()), "a");
    assertEquals(y.metadata(), x.metadata());
    for (String name : y.entries().keySet()) {
      Fixtures.assertClose(tag + " " + name, x.readFloats(name), y.readFloats(name));
    }
    BufferedImage p = ImageIO.read(new ByteArrayInputStream(batched.png()));
    BufferedImage q = ImageIO.read(new ByteArrayInputStream(alone.png()));
    for (int yy = 0; yy < q.getHeight(); yy++) {
      for (int xx = 0; xx < q.getWidth(); xx++) {
        for (int s = 0; s < 24; s += 8) {
          int d = Math.abs(((p.getRGB(xx, yy) >> s) & 0xFF) - ((q.getRGB(xx, yy) >> s) & 0xFF));
          assertTrue(d <= 1, tag + " PNG differs by " + d);
        }
      }
    }
  }
}
