package dsgen.diffusion.pipeline;

import ai.djl.ndarray.NDManager;
import dsgen.diffusion.DeviceOptions;
import dsgen.diffusion.ModelLoadException;
import dsgen.diffusion.io.JsonConfig;
import dsgen.diffusion.io.SafetensorsFile;
import dsgen.diffusion.nn.SafetensorsWeights;
import dsgen.diffusion.scheduler.ModelSamplers;
import dsgen.diffusion.scheduler.SchedulerConfig;
import dsgen.diffusion.text.ClipTextConfig;
import dsgen.diffusion.text.ClipTextEncoder;
import dsgen.diffusion.tokenizer.ClipTokenizer;
import dsgen.diffusion.unet.UNet2DCondition;
import dsgen.diffusion.unet.UNetConfig;
import dsgen.diffusion.vae.VaeConfig;
import dsgen.diffusion.vae.VaeDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads a diffusers Stable Diffusion folder as downloaded (model_index.json, tokenizer/,
 * text_encoder/, unet/, vae/, scheduler/) with no export step. Weights come from {@code
 * <name>.safetensors} or its {@code .fp16} variant.
 */
public final class ModelFolder {
  private static final List<String> COMPONENTS =
      List.of("tokenizer", "text_encoder", "unet", "vae", "scheduler");

  private ModelFolder() {}

  /** Loads every component onto {@code manager}'s device in {@code options.dtype()}. */
  public static LoadedModel load(Path dir, DeviceOptions options, NDManager manager) {
    if (!Files.isDirectory(dir)) {
      throw new ModelLoadException(dir, "not a directory (expected a diffusers model folder)");
    }
    JsonConfig index = JsonConfig.read(dir.resolve("model_index.json"), "pipeline index");
    for (String c : COMPONENTS) {
      if (!index.has(c)) {
        throw index.error(
            c,
            "missing component (a Stable Diffusion folder has "
                + String.join(", ", COMPONENTS)
                + ")");
      }
    }
    ClipTokenizer tokenizer = ClipTokenizer.load(dir.resolve("tokenizer"));
    JsonConfig textConfigFile =
        JsonConfig.read(dir.resolve("text_encoder/config.json"), "text encoder configuration");
    ClipTextConfig textConfig = ClipTextConfig.from(textConfigFile);
    JsonConfig unetConfigFile =
        JsonConfig.read(dir.resolve("unet/config.json"), "UNet configuration");
    UNetConfig unetConfig = UNetConfig.from(unetConfigFile);
    JsonConfig vaeConfigFile = JsonConfig.read(dir.resolve("vae/config.json"), "VAE configuration");
    VaeConfig vaeConfig = VaeConfig.from(vaeConfigFile);
    ModelSamplers samplers =
        ModelSamplers.of(
            SchedulerConfig.of(
                JsonConfig.read(
                    dir.resolve("scheduler/scheduler_config.json"), "scheduler configuration")));
    if (unetConfig.crossAttentionDim() != textConfig.hiddenSize()) {
      throw unetConfigFile.error(
          "cross_attention_dim",
          "is "
              + unetConfig.crossAttentionDim()
              + " but the text encoder's hidden_size is "
              + textConfig.hiddenSize());
    }
    if (vaeConfig.latentChannels() != unetConfig.inChannels()) {
      throw vaeConfigFile.error(
          "latent_channels",
          "is "
              + vaeConfig.latentChannels()
              + " but the UNet's in_channels is "
              + unetConfig.inChannels());
    }

    SafetensorsFile textWeights =
        SafetensorsFile.open(weights(dir.resolve("text_encoder"), "model"), "text encoder weights");
    SafetensorsFile unetWeights =
        SafetensorsFile.open(
            weights(dir.resolve("unet"), "diffusion_pytorch_model"), "UNet weights");
    SafetensorsFile vaeWeights =
        SafetensorsFile.open(weights(dir.resolve("vae"), "diffusion_pytorch_model"), "VAE weights");
    ClipTextEncoder text =
        new ClipTextEncoder(
            textConfig, new SafetensorsWeights(textWeights, manager, options.dtype()));
    UNet2DCondition unet =
        new UNet2DCondition(
            unetConfig, new SafetensorsWeights(unetWeights, manager, options.dtype()));
    VaeDecoder vae =
        new VaeDecoder(
            vaeConfig,
            new SafetensorsWeights(vaeWeights, manager, options.dtype(), VaeDecoder.LEGACY_NAMES));
    String id = dir.toAbsolutePath().normalize().getFileName().toString();
    return new LoadedModel(id, options, tokenizer, text, unet, vae, samplers);
  }

  // <base>.safetensors, else the fp16 variant; a folder with only PyTorch pickles is named as such.
  private static Path weights(Path componentDir, String base) {
    Path main = componentDir.resolve(base + ".safetensors");
    if (Files.isRegularFile(main)) {
      return main;
    }
    Path fp16 = componentDir.resolve(base + ".fp16.safetensors");
    if (Files.isRegularFile(fp16)) {
      return fp16;
    }
    if (Files.isRegularFile(componentDir.resolve(base + ".bin"))) {
      throw new ModelLoadException(
          main,
          "missing file: only "
              + base
              + ".bin (PyTorch pickle) is present; "
              + "safetensors weights are required");
    }
    return main;
  }
}
