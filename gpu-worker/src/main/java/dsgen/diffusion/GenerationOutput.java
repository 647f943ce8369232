package dsgen.diffusion;

import java.util.List;

/**
 * The result of one request: {@code image.png} bytes (RGB, 8 bit), {@code attention.safetensors}
 * bytes, the classes with their token positions, the UNet timesteps run, the sampler that ran them
 * (ddim, pndm, dpmsolver++ or euler), the tensor names in the attention file, and where the time
 * went (batch-wide phases are shared by every request of the batch) with the number of UNet
 * evaluations the denoising made (PNDM makes one more than its steps).
 */
public record GenerationOutput(
    byte[] png,
    byte[] attention,
    List<ClassTokens> classes,
    int[] timesteps,
    String sampler,
    List<String> tensorNames,
    long textEncodeMs,
    long denoiseMs,
    int unetCalls,
    long decodeMs,
    long captureMs) {}
