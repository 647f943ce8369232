package dsgen.generation;

/**
 * What a loaded model accepts, where a generation rule depends on the model.
 *
 * @param sizeMultiple image sides must be a multiple of this (VAE scale × UNet downsampling)
 * @param maxSize largest width or height (twice the side the model was trained at)
 * @param maxSteps most denoising steps (the scheduler's training timesteps)
 */
public record ModelLimits(int sizeMultiple, int maxSize, int maxSteps) {
  /** Stable Diffusion 1.x/2.x: VAE 8× and three 2× UNet stages make sides multiples of 64. */
  public static final int STABLE_DIFFUSION_SIZE_MULTIPLE = 64;

  public ModelLimits {
    if (sizeMultiple < 1 || maxSize < sizeMultiple || maxSteps < 1) {
      throw new IllegalArgumentException(
          "model limits: sizeMultiple "
              + sizeMultiple
              + ", maxSize "
              + maxSize
              + ", maxSteps "
              + maxSteps
              + " do not describe a usable model");
    }
  }

  /** Limits of a Stable Diffusion 1.x/2.x model with the given largest side and step count. */
  public static ModelLimits stableDiffusion(int maxSize, int maxSteps) {
    return new ModelLimits(STABLE_DIFFUSION_SIZE_MULTIPLE, maxSize, maxSteps);
  }
}
