package dsgen.diffusion.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dsgen.diffusion.Fixtures;
import dsgen.diffusion.attention.AttentionProcessor;
import dsgen.diffusion.io.JsonConfig;
import dsgen.diffusion.io.SafetensorsFile;
import dsgen.diffusion.nn.SafetensorsWeights;
import dsgen.diffusion.unet.UNet2DCondition;
import dsgen.diffusion.unet.UNetConfig;
import dsgen.diffusion.vae.VaeConfig;
import dsgen.diffusion.vae.VaeDecoder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Layouts the tiny SD2 fixture does not use but real checkpoints do: SD1's 1×1-convolution
 * proj_in/proj_out ({@code use_linear_projection: false}; the same numbers as SD2's Linear, so the
 * output must not change) and the VAE's legacy {@code query/key/value/proj_attn} attention names.
 * Tolerance 1e-4 × max|golden|.
 */
class LegacyLayoutsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void convolutionProjectionsGiveTheSameNoisePrediction() throws Exception {
    Path cfg = dir.resolve("config.json");
    ObjectNode node =
        (ObjectNode) JSON.readTree(Fixtures.tinyModel().resolve("unet/config.json").toFile());
    node.put("use_linear_projection", false);
    JSON.writeValue(cfg.toFile(), node);
    try (NDManager m = NDManager.newBaseManager()) {
      UNet2DCondition unet =
          new UNet2DCondition(
              UNetConfig.from(JsonConfig.read(cfg, "unet")),
              new SafetensorsWeights(
                  SafetensorsFile.open(
                      Fixtures.tinyModel().resolve("unet/diffusion_pytorch_model.safetensors"),
                      "unet"),
                  m,
                  DataType.FLOAT32));
      NDArray latents =
          m.create(Fixtures.npy("latents_init.npy").floats(), new Shape(1, 4, 32, 32));
      NDArray context = m.create(Fixtures.npy("prompt_embeds.npy").floats(), new Shape(2, 77, 32));
      NDArray out =
          unet.forward(latents.concat(latents, 0), 801, context, AttentionProcessor.PLAIN);
      float[] step0 =
          java.util.Arrays.copyOf(Fixtures.npy("noise_pred_all.npy").floats(), 2 * 4 * 32 * 32);
      Fixtures.assertClose("noise prediction with conv projections", out.toFloatArray(), step0);
    }
  }

  @Test
  void legacyVaeAttentionNamesDecodeTheSame() throws Exception {
    Path weights =
        Files.copy(
            Fixtures.tinyModel().resolve("vae/diffusion_pytorch_model.safetensors"),
            dir.resolve("vae.safetensors"));
    renameTensors(
        weights, Map.of("to_q", "query", "to_k", "key", "to_v", "value", "to_out.0", "proj_attn"));
    try (NDManager m = NDManager.newBaseManager()) {
      VaeDecoder vae =
          new VaeDecoder(
              VaeConfig.from(
                  JsonConfig.read(Fixtures.tinyModel().resolve("vae/config.json"), "vae")),
              new SafetensorsWeights(
                  SafetensorsFile.open(weights, "vae"),
                  m,
                  DataType.FLOAT32,
                  VaeDecoder.LEGACY_NAMES));
      NDArray z = m.create(Fixtures.npy("latents_final.npy").floats(), new Shape(1, 4, 32, 32));
      Fixtures.assertClose("vae_decoded (legacy names)", vae.decode(z), "vae_decoded.npy");
    }
  }

  // renames decoder.mid_block.attentions.0.<old>.{weight,bias} to <new>, keeping the data
  private static void renameTensors(Path file, Map<String, String> renames) throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    int n = (int) ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    ObjectNode header = (ObjectNode) JSON.readTree(new String(bytes, 8, n, StandardCharsets.UTF_8));
    String p = "decoder.mid_block.attentions.0.";
    for (Map.Entry<String, String> e : renames.entrySet()) {
      for (String kind : new String[] {".weight", ".bias"}) {
        header.set(p + e.getValue() + kind, header.remove(p + e.getKey() + kind));
      }
    }
    byte[] json = JSON.writeValueAsBytes(header);
    int padded = (json.length + 7) / 8 * 8;
    ByteBuffer out =
        ByteBuffer.allocate(8 + padded + bytes.length - 8 - n).order(ByteOrder.LITTLE_ENDIAN);
    out.putLong(padded).put(json);
    for (int i = json.length; i < padded; i++) {
      out.put((byte) ' ');
    }
    out.put(bytes, 8 + n, bytes.length - 8 - n);
    Files.write(file, out.array());
  }
}
