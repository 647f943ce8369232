package dsgen.diffusion.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dsgen.attention.AttentionContents;
import dsgen.attention.AttentionFormat;
import dsgen.attention.AttentionReader;
import dsgen.attention.CompactEncoding;
import dsgen.attention.StoredTensor;
import dsgen.diffusion.DeviceOptions;
import dsgen.diffusion.Fixtures;
import dsgen.diffusion.GenerationOutput;
import dsgen.diffusion.GenerationRequest;
import dsgen.diffusion.GoldenRequests;
import dsgen.diffusion.StableDiffusion;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A request with {@code attentionEncoding = compact} writes a {@value AttentionFormat#V2} file
 * encoded on the device: the same image and tensors as the lossless run of the same request, each
 * tensor stored as {@link CompactEncoding#DEFAULT} plans it, and every value within the encoding's
 * bound of the lossless float32 value — half a code step of its group, at most (max − min)/510 of
 * the tensor, or float16 rounding (2⁻¹¹ relative) for dense tensors.
 */
class CompactGenerationTest {
  @Test
  void compactRequestsWriteTheDeviceEncodedFile() {
    try (StableDiffusion sd = StableDiffusion.load(Fixtures.tinyModel(), DeviceOptions.cpu())) {
      GenerationOutput lossless = sd.generate(List.of(request("lossless"))).get(0);
      GenerationOutput compact = sd.generate(List.of(request("compact"))).get(0);
      assertArrayEquals(lossless.png(), compact.png(), "the encoding does not touch the image");
      AttentionContents a = AttentionReader.read(lossless.attention());
      AttentionContents c = AttentionReader.read(compact.attention());
      assertEquals(AttentionFormat.V1, a.format());
      assertEquals(AttentionFormat.V2, c.format());
      assertEquals(a.metadata().withFormat(AttentionFormat.V2), c.metadata());
      assertEquals(a.tensorNames(), c.tensorNames());
      long encoded = 0;
      for (StoredTensor s : c.stored()) {
        String expected =
            CompactEncoding.DEFAULT.plan(s.name(), s.shape()).map(e -> e.describe()).orElse("F16");
        assertEquals(expected, s.storage(), s.name());
        encoded += expected.equals("F16") ? 0 : 1;
        float[] x = a.tensor(s.name()).toFloatArray();
        float[] y = c.tensor(s.name()).toFloatArray();
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (float v : x) {
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
        double tolerance = (max - min) / 510 * 1.01 + Math.max(Math.abs(min), Math.abs(max)) / 2048;
        for (int i = 0; i < x.length; i++) {
          assertEquals(x[i], y[i], tolerance, s.name() + " element " + i);
        }
      }
      assertTrue(encoded >= 10, encoded + " tensors encoded: cross-attention and sa_*_32 are");
      assertTrue(
          compact.attention().length * 3 < lossless.attention().length,
          compact.attention().length + " compact bytes vs " + lossless.attention().length);
    }
  }

  private static GenerationRequest request(String encoding) {
    // the DDIM golden's request (capture profile full, float32) with 2 steps to keep it short
    return GoldenRequests.ddim().steps(2).attentionEncoding(encoding).build();
  }
}
