package dsgen.diffusion.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dsgen.diffusion.DeviceOptions;
import dsgen.diffusion.Fixtures;
import dsgen.diffusion.GenerationOutput;
import dsgen.diffusion.GenerationRequest;
import dsgen.diffusion.GivenLatents;
import dsgen.diffusion.GoldenRequests;
import dsgen.diffusion.StableDiffusion;
import dsgen.diffusion.io.SafetensorsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The whole pipeline on the tiny SD2 model with PNDM, DPM-Solver++ and Euler against their golden
 * runs (diffusers 0.35.2, float32 CPU, 8 steps, the seeded N(0, 1) draw passed as latents and
 * scaled by the sampler): every UNet call's raw output and the latents after it, the PNG within ±1
 * per channel, every stored attention tensor within 1e-4 × max|golden| (the golden READMEs' float32
 * tolerance) with the means over all the sampler's UNet calls (PNDM: 9), and the metadata. {@code
 * sa_mean_32} is in the capture profile but not stored in the goldens: it must be produced with its
 * shape.
 */
class SamplerGoldenPipelineTest {
  /** The capture list of the golden runs (their READMEs' run command): what must be produced. */
  private static final String PROFILE =
      "ca_mean_16,ca_mean_32,cpa_mean_16,cpa_mean_32,sa_mean_16,sa_mean_32";

  private static StableDiffusion sd;

  @BeforeAll
  static void load() {
    sd = StableDiffusion.load(Fixtures.tinyModel(), DeviceOptions.cpu());
  }

  @AfterAll
  static void close() {
    sd.close();
  }

  @ParameterizedTest
  @CsvSource({"pndm,pndm", "dpmsolver++,dpmsolver", "euler,euler"})
  void generationMatchesTheGolden(String sampler, String golden, @TempDir Path dir)
      throws Exception {
    List<float[]> outputs = new ArrayList<>();
    List<float[]> latents = new ArrayList<>();
    GenerationRequest request = GoldenRequests.sampler(golden).sampler(sampler).build();
    GenerationOutput o =
        sd.generate(
                List.of(request),
                GivenLatents.read(Fixtures.samplerGolden(golden, "noise_init.npy")),
                (step, t, out, lat) -> {
                  outputs.add(out.toFloatArray());
                  latents.add(lat.toFloatArray());
                })
            .get(0);

    assertEquals(sampler, o.sampler());
    // the step listener hears every UNet evaluation (PNDM repeats its first timestep)
    assertEquals(outputs.size(), o.unetCalls(), "UNet evaluations reported");
    assertEquals(
        Arrays.stream(Fixtures.samplerNpy(golden, "timesteps.npy").values())
            .mapToInt(v -> (int) v)
            .boxed()
            .toList(),
        Arrays.stream(o.timesteps()).boxed().toList());
    Fixtures.assertClose(
        golden + " noise_pred_all",
        Fixtures.concat(outputs),
        Fixtures.samplerNpy(golden, "noise_pred_all.npy").floats());
    Fixtures.assertClose(
        golden + " latents_steps",
        Fixtures.concat(latents),
        Fixtures.samplerNpy(golden, "latents_steps.npy").floats());
    int worst = Fixtures.maxPngDifference(o.png(), Fixtures.samplerGolden(golden, "image.png"));
    assertTrue(worst <= 1, golden + " PNG differs by " + worst + " somewhere");

    Path file = Files.write(dir.resolve("attention.safetensors"), o.attention());
    SafetensorsFile mine = SafetensorsFile.open(file, "mine");
    SafetensorsFile ref =
        SafetensorsFile.open(Fixtures.samplerGolden(golden, "attention.safetensors"), "golden");
    assertEquals(new TreeSet<>(Arrays.asList(PROFILE.split(","))), new TreeSet<>(o.tensorNames()));
    assertEquals("[1024, 1024]", Arrays.toString(mine.entries().get("sa_mean_32").shape()));
    for (String name : ref.entries().keySet()) {
      assertEquals(
          Arrays.toString(ref.entries().get(name).shape()),
          Arrays.toString(mine.entries().get(name).shape()),
          name + " shape");
      Fixtures.assertClose(golden + " " + name, mine.readFloats(name), ref.readFloats(name));
    }
    assertEquals(ref.metadata().keySet(), mine.metadata().keySet());
    ObjectMapper json = new ObjectMapper();
    for (Map.Entry<String, String> e : ref.metadata().entrySet()) {
      if (e.getKey().equals("timesteps")) {
        // Euler's golden writes its float timesteps as 876.0; the values must be equal
        assertEquals(
            json.readTree(e.getValue()).toString().replace(".0", ""),
            json.readTree(mine.metadata().get("timesteps")).toString(),
            "metadata timesteps");
      } else {
        assertEquals(e.getValue(), mine.metadata().get(e.getKey()), "metadata " + e.getKey());
      }
    }
  }
}
