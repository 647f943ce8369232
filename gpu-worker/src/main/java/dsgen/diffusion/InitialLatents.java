package dsgen.diffusion;

/** Where the initial latents of a request come from. */
public interface InitialLatents {
  /** The latents [channels, height, width] (C order) of batch element {@code index}. */
  float[] latents(GenerationRequest request, int index, int channels, int height, int width);
}
