package dsgen.worker.generate;

import dsgen.records.ClassEntry;
import java.util.List;

/**
 * One generated image with its attention file and what went into it.
 *
 * @param classes the task's classes with their token positions filled in
 * @param timesteps UNet timesteps actually run
 * @param sampler the sampler that ran them (the task's, or the model folder's default)
 * @param tensorNames names of the tensors in the attention file
 * @param times where the batch's time went (shared by the images of one batch)
 */
public record GeneratedImage(
    byte[] png,
    byte[] attention,
    List<ClassEntry> classes,
    List<Integer> timesteps,
    String sampler,
    List<String> tensorNames,
    StageTimes times) {

  /**
   * Milliseconds per stage of a batch, as the diffusion library measured them; the denoising took
   * {@code unetCalls} UNet evaluations (a sampler may make more than its steps).
   */
  public record StageTimes(
      long textEncodeMs, long denoiseMs, int unetCalls, long decodeMs, long captureMs) {}
}
