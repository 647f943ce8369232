package dsgen.diffusion.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dsgen.diffusion.Fixtures;
import dsgen.diffusion.io.JsonConfig;
import dsgen.diffusion.io.SafetensorsFile;
import dsgen.diffusion.nn.SafetensorsWeights;
import dsgen.diffusion.tokenizer.ClipTokenizer;
import org.junit.jupiter.api.Test;

/** last_hidden_state of the tiny SD2 text encoder within 1e-4 × max|golden|. */
class ClipTextEncoderTest {
  @Test
  void hiddenStatesOfPromptAndEmptyPromptMatchTheGoldens() {
    try (NDManager manager = NDManager.newBaseManager()) {
      var dir = Fixtures.tinyModel().resolve("text_encoder");
      ClipTextEncoder encoder =
          new ClipTextEncoder(
              ClipTextConfig.from(
                  JsonConfig.read(dir.resolve("config.json"), "text encoder configuration")),
              new SafetensorsWeights(
                  SafetensorsFile.open(dir.resolve("model.safetensors"), "weights"),
                  manager,
                  DataType.FLOAT32));
      ClipTokenizer tok = ClipTokenizer.load(Fixtures.tinyModel().resolve("tokenizer"));
      NDArray states =
          encoder.encode(manager, new int[][] {tok.encode(""), tok.encode("a photo of a cat")});
      Fixtures.assertClose("text_hidden_uncond", states.get("0:1"), "text_hidden_uncond.npy");
      Fixtures.assertClose("text_hidden_cond", states.get("1:2"), "text_hidden_cond.npy");
      Fixtures.assertClose("prompt_embeds", states, "prompt_embeds.npy");
    }
  }
}
