package dsgen.diffusion.pipeline;

import dsgen.diffusion.DeviceOptions;
import dsgen.diffusion.scheduler.ModelSamplers;
import dsgen.diffusion.text.ClipTextEncoder;
import dsgen.diffusion.tokenizer.ClipTokenizer;
import dsgen.diffusion.unet.UNet2DCondition;
import dsgen.diffusion.vae.VaeDecoder;

/** The components of a Stable Diffusion folder, loaded on one device in one dtype. */
public record LoadedModel(
    String modelId,
    DeviceOptions options,
    ClipTokenizer tokenizer,
    ClipTextEncoder textEncoder,
    UNet2DCondition unet,
    VaeDecoder vae,
    ModelSamplers samplers) {

  /** Pixels per latent pixel (8 for Stable Diffusion's VAE). */
  public int vaeScale() {
    return 1 << (vae.config().blockOutChannels().length - 1);
  }
}
