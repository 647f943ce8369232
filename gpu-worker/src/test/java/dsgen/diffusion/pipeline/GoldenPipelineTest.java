package dsgen.diffusion.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dsgen.diffusion.DeviceOptions;
import dsgen.diffusion.Fixtures;
import dsgen.diffusion.GenerationOutput;
import dsgen.diffusion.GivenLatents;
import dsgen.diffusion.GoldenRequests;
import dsgen.diffusion.StableDiffusion;
import dsgen.diffusion.io.SafetensorsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on the tiny SD2 model against the reference run (diffusers, float32 CPU):
 * every step's noise predictions and latents, the decoded image, the PNG and every tensor and
 * metadata entry of attention.safetensors. Tolerance: 1e-4 × max|golden| per tensor; PNG values
 * within ±1.
 */
class GoldenPipelineTest {
  private static StableDiffusion sd;
  private static GenerationOutput output;
  private static final List<float[]> noisePredictions = new ArrayList<>();
  private static final List<float[]> latents = new ArrayList<>();

  @BeforeAll
  static void generate() throws Exception {
    sd = StableDiffusion.load(Fixtures.tinyModel(), DeviceOptions.cpu());
    output =
        sd.generate(
                List.of(GoldenRequests.ddim().build()),
                GivenLatents.read(Fixtures.golden("latents_init.npy")),
                (step, t, out, lat) -> {
                  noisePredictions.add(out.toFloatArray());
                  latents.add(lat.toFloatArray());
                })
            .get(0);
  }

  @AfterAll
  static void close() {
    sd.close();
  }

  @Test
  void timestepsAreLeadingWithOffsetOne() {
    assertEquals(
        List.of(801, 601, 401, 201, 1),
        java.util.Arrays.stream(output.timesteps()).boxed().toList());
  }

  @Test
  void everyStepsNoisePredictionAndLatentsMatch() {
    Fixtures.assertClose(
        "noise_pred_all",
        Fixtures.concat(noisePredictions),
        Fixtures.npy("noise_pred_all.npy").floats());
    Fixtures.assertClose(
        "latents_steps", Fixtures.concat(latents), Fixtures.npy("latents_steps.npy").floats());
  }

  @Test
  void decodedImageOfTheGoldenLatentsMatches() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray z = m.create(Fixtures.npy("latents_final.npy").floats(), new Shape(1, 4, 32, 32));
      Fixtures.assertClose("vae_decoded", sd.model().vae().decode(z), "vae_decoded.npy");
    }
  }

  @Test
  void pngIsWithinOneOfTheGoldenPerChannel() throws Exception {
    int worst = Fixtures.maxPngDifference(output.png(), Fixtures.golden("image.png"));
    // the decoded image agrees within 1e-4 × max (checked above), i.e. ≪ one 8-bit step (1/255);
    // a value that close to a rounding boundary can still round to the neighbouring level: ±1
    assertTrue(worst <= 1, "PNG differs by " + worst + " somewhere");
  }

  @Test
  void everyAttentionTensorAndMetadataEntryMatches(@TempDir Path dir) throws Exception {
    Path file = Files.write(dir.resolve("attention.safetensors"), output.attention());
    SafetensorsFile mine = SafetensorsFile.open(file, "mine");
    SafetensorsFile golden =
        SafetensorsFile.open(Fixtures.golden("attention.safetensors"), "golden");
    assertEquals(new TreeSet<>(golden.entries().keySet()), new TreeSet<>(mine.entries().keySet()));
    assertEquals(new TreeSet<>(golden.entries().keySet()), new TreeSet<>(output.tensorNames()));
    for (Map.Entry<String, String> e : golden.metadata().entrySet()) {
      assertEquals(e.getValue(), mine.metadata().get(e.getKey()), "metadata " + e.getKey());
    }
    // this golden predates the sampler keys; they are the only ones it lacks
    Set<String> extra = new TreeSet<>(mine.metadata().keySet());
    extra.removeAll(golden.metadata().keySet());
    assertEquals(Set.of("sampler", "unet_calls"), extra);
    assertEquals("ddim", mine.metadata().get("sampler"));
    assertEquals("5", mine.metadata().get("unet_calls"));
    for (String name : golden.entries().keySet()) {
      // the request asks for float32 storage, as the golden was written
      assertEquals("F32", golden.entries().get(name).dtype(), name + " golden dtype");
      assertEquals("F32", mine.entries().get(name).dtype(), name + " dtype");
      assertEquals(
          java.util.Arrays.toString(golden.entries().get(name).shape()),
          java.util.Arrays.toString(mine.entries().get(name).shape()),
          name + " shape");
      Fixtures.assertClose(name, mine.readFloats(name), golden.readFloats(name));
    }
  }
}
