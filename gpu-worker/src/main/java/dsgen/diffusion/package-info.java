/**
 * Stable Diffusion 1.x/2.x on DJL's PyTorch engine with attention capture (issue 5).
 *
 * <p>{@link dsgen.diffusion.StableDiffusion#load} reads a diffusers folder as downloaded: {@code
 * model_index.json}, the CLIP BPE tokenizer, and text encoder, UNet and VAE built from their {@code
 * config.json} with weights from safetensors (F32/F16/BF16, parsed here; BF16 is widened in Java
 * because DJL aborts on it). Everything computes on CUDA in float16 when DJL finds a GPU, else on
 * the CPU in float32, through the same code.
 *
 * <p>Generation: text encoding ({@code last_hidden_state}), a sampler (DDIM, PNDM, DPM-Solver++ or
 * Euler, {@link dsgen.diffusion.scheduler}) built from the folder's scheduler configuration as
 * diffusers' {@code from_config} builds it, classifier-free guidance on the batch [uncond, cond],
 * VAE decode, PNG ({@code round(clamp(x/2 + 0.5) · 255)}). Initial latents come from {@link
 * dsgen.diffusion.SeededLatents} (SplittableRandom + Box-Muller with StrictMath: the same seed
 * gives the same latents on every machine) or from a file ({@link dsgen.diffusion.GivenLatents}). A
 * batch of B requests runs as one UNet call of 2B rows.
 *
 * <p>Attention capture: every attention module calls one {@link
 * dsgen.diffusion.attention.AttentionProcessor}; the capturing one ({@link
 * dsgen.diffusion.capture.AttentionCapture}) feeds the probabilities to recorders that keep running
 * sums on the device for the tensors of docs/algorithms.md#attention-file named by the capture
 * profile, and the result is written as {@code attention.safetensors} ({@code dsgen-attention/1},
 * float16 by default).
 */
package dsgen.diffusion;
