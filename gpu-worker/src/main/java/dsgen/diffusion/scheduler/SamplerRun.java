package dsgen.diffusion.scheduler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;

/**
 * One generation's pass through a sampler: the UNet timestep of every call (a sampler may call the
 * UNet more often than it has steps: PNDM calls its second timestep twice), the scaling of the
 * initial noise and of each call's input, and the update after each call. A run keeps what later
 * updates need (multistep history) outside the caller's {@link NDScope} and frees it on {@link
 * #close()}.
 */
public abstract class SamplerRun implements AutoCloseable {
  private final float[] timesteps;

  SamplerRun(float[] timesteps) {
    this.timesteps = timesteps;
  }

  /** The UNet timestep of every call, in call order. */
  public float[] timesteps() {
    return timesteps.clone();
  }

  /** The timesteps as the records store them (integers; only Euler with linspace has fractions). */
  public int[] recordedTimesteps() {
    int[] out = new int[timesteps.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = Math.round(timesteps[i]);
    }
    return out;
  }

  /** The number of UNet calls. */
  public int calls() {
    return timesteps.length;
  }

  /** What the seeded N(0, 1) noise is multiplied by to give the first latents. */
  public float initNoiseSigma() {
    return 1f;
  }

  /** What call {@code call}'s latents are multiplied by before they enter the UNet. */
  public float inputScale(int call) {
    return 1f;
  }

  /**
   * The latents after call {@code call}, from the latents {@code x} the call denoised and the
   * guided model output. Neither argument is kept or closed; the result is a new array.
   */
  public abstract NDArray step(int call, NDArray x, NDArray modelOutput);

  /** Takes {@code a} out of the caller's scope: the run owns it until it releases it. */
  static NDArray keep(NDArray a) {
    NDScope.unregister(a);
    return a;
  }

  static void release(NDArray a) {
    if (a != null && !a.isReleased()) {
      a.close();
    }
  }

  @Override
  public void close() {}

  static float[] floats(double[] values) {
    float[] out = new float[values.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) values[i];
    }
    return out;
  }
}
