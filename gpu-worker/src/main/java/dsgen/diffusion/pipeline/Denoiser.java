package dsgen.diffusion.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import dsgen.diffusion.attention.AttentionProcessor;
import dsgen.diffusion.scheduler.SamplerRun;
import dsgen.diffusion.unet.UNet2DCondition;
import java.util.function.IntConsumer;

/**
 * The sampling loop with classifier-free guidance: the seeded noise is scaled by the sampler's
 * initial sigma, then each UNet call runs on [x, x]·(the call's input scale) with the text context
 * [uncond, cond], guides the output u + g·(c − u) and hands it to the sampler's update. Every
 * call's temporaries live in an {@link NDScope} closed at the end of the call; only the new latents
 * (and the history the sampler keeps itself) survive it, so memory stays flat for any number of
 * steps.
 */
public final class Denoiser {
  private final UNet2DCondition unet;
  private final SamplerRun run;

  public Denoiser(UNet2DCondition unet, SamplerRun run) {
    this.unet = unet;
    this.run = run;
  }

  /**
   * Denoises {@code noise} [B, C, h, w] (closed here; the returned array replaces it) over the
   * run's UNet calls; {@code beginCall} is told each call index before the UNet runs.
   */
  public NDArray run(
      NDArray noise,
      NDArray context,
      float guidance,
      AttentionProcessor processor,
      IntConsumer beginCall,
      StepListener listener) {
    int batch = (int) noise.getShape().get(0);
    float[] timesteps = run.timesteps();
    NDArray current = noise;
    if (run.initNoiseSigma() != 1f) {
      current = noise.mul(run.initNoiseSigma());
      noise.close();
    }
    for (int i = 0; i < timesteps.length; i++) {
      beginCall.accept(i);
      float t = timesteps[i];
      NDArray next;
      try (NDScope scope = new NDScope()) {
        scope.suppressNotUsedWarning();
        float scale = run.inputScale(i);
        NDArray x = scale == 1f ? current : current.mul(scale);
        NDArray input = NDArrays.concat(new NDList(x, x), 0);
        NDArray out = unet.forward(input, t, context, processor);
        NDArray uncond = out.get("0:" + batch);
        NDArray cond = out.get(batch + ":");
        NDArray guided = uncond.add(cond.sub(uncond).mul(guidance));
        next = run.step(i, current, guided);
        NDScope.unregister(next);
        listener.onStep(i, Math.round(t), out, next);
      }
      current.close();
      current = next;
    }
    return current;
  }
}
