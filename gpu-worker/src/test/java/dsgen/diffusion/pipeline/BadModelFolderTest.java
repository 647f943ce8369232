package dsgen.diffusion.pipeline;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dsgen.diffusion.DeviceOptions;
import dsgen.diffusion.Fixtures;
import dsgen.diffusion.ModelLoadException;
import dsgen.diffusion.StableDiffusion;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broken model folder fails at load with a message naming the file and what is wrong. */
class BadModelFolderTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private Path copy() throws Exception {
    return Fixtures.copyTree(Fixtures.tinyModel(), dir.resolve("model"));
  }

  private static String loadError(Path model) {
    ModelLoadException e =
        assertThrows(
            ModelLoadException.class,
            () -> StableDiffusion.load(model, DeviceOptions.cpu()).close());
    return e.getMessage();
  }

  private static void assertMentions(String message, String... parts) {
    for (String p : parts) {
      assertTrue(message.contains(p), "message \"" + message + "\" does not mention " + p);
    }
  }

  @Test
  void missingUnetFolderNamesTheUnetConfiguration() throws Exception {
    Path model = copy();
    Fixtures.deleteTree(model.resolve("unet"));
    assertMentions(
        loadError(model),
        "unet" + java.io.File.separator + "config.json",
        "missing file",
        "UNet configuration");
  }

  @Test
  void missingTensorIsNamedWithItsExpectedShape() throws Exception {
    Path model = copy();
    Path weights = model.resolve("unet/diffusion_pytorch_model.safetensors");
    rewriteHeader(
        weights,
        header -> {
          header.set("conv_in.weight_renamed", header.remove("conv_in.weight"));
        });
    assertMentions(
        loadError(model),
        "diffusion_pytorch_model.safetensors",
        "missing tensor 'conv_in.weight'",
        "(16, 4, 3, 3)");
  }

  @Test
  void wrongTensorShapeNamesFileTensorExpectedAndFound() throws Exception {
    Path model = copy();
    Path weights = model.resolve("unet/diffusion_pytorch_model.safetensors");
    rewriteHeader(
        weights,
        header -> {
          ArrayNode shape = ((ObjectNode) header.get("conv_in.weight")).putArray("shape");
          shape.add(16).add(2).add(6).add(3);
        });
    assertMentions(
        loadError(model),
        "unet",
        "diffusion_pytorch_model.safetensors",
        "'conv_in.weight'",
        "(16, 2, 6, 3)",
        "expected (16, 4, 3, 3)");
  }

  @Test
  void schedulerWithAnUnsupportedBetaScheduleIsRejected() throws Exception {
    // (a missing beta schedule is the class default, linear 0.0001..0.02, as in diffusers)
    Path model = copy();
    Path cfg = model.resolve("scheduler/scheduler_config.json");
    ObjectNode node = (ObjectNode) JSON.readTree(cfg.toFile());
    node.put("beta_schedule", "squaredcos_cap_v2");
    JSON.writeValue(cfg.toFile(), node);
    assertMentions(
        loadError(model), "scheduler_config.json", "beta_schedule", "unsupported beta schedule");
  }

  @Test
  void unsupportedBlockTypeIsNamed() throws Exception {
    Path model = copy();
    Path cfg = model.resolve("unet/config.json");
    ObjectNode node = (ObjectNode) JSON.readTree(cfg.toFile());
    ((ArrayNode) node.get("down_block_types")).set(0, "SimpleCrossAttnDownBlock2D");
    JSON.writeValue(cfg.toFile(), node);
    assertMentions(
        loadError(model),
        "unet",
        "config.json",
        "down_block_types",
        "unsupported block type 'SimpleCrossAttnDownBlock2D'");
  }

  @Test
  void mismatchedTextAndCrossAttentionWidthsAreNamed() throws Exception {
    Path model = copy();
    Path cfg = model.resolve("unet/config.json");
    ObjectNode node = (ObjectNode) JSON.readTree(cfg.toFile());
    node.put("cross_attention_dim", 1024);
    JSON.writeValue(cfg.toFile(), node);
    assertMentions(loadError(model), "cross_attention_dim", "1024", "hidden_size is 32");
  }

  /** Rewrites a safetensors header in place (same data), padding the JSON with spaces. */
  private static void rewriteHeader(Path file, java.util.function.Consumer<ObjectNode> edit)
      throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    ObjectNode header =
        (ObjectNode) JSON.readTree(new String(bytes, 8, (int) n, StandardCharsets.UTF_8));
    edit.accept(header);
    byte[] json = JSON.writeValueAsBytes(header);
    int padded = (json.length + 7) / 8 * 8;
    ByteBuffer out =
        ByteBuffer.allocate(8 + padded + bytes.length - 8 - (int) n).order(ByteOrder.LITTLE_ENDIAN);
    out.putLong(padded).put(json);
    for (int i = json.length; i < padded; i++) {
      out.put((byte) ' ');
    }
    out.put(bytes, 8 + (int) n, bytes.length - 8 - (int) n);
    Files.write(file, out.array());
  }
}
