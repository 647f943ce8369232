package dsgen.diffusion.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import dsgen.diffusion.attention.AttentionProcessor;
import dsgen.diffusion.scheduler.DdimScheduler;
import dsgen.diffusion.unet.UNet2DCondition;
import java.util.function.IntConsumer;

/**
 * The DDIM loop with classifier-free guidance: each step runs the UNet once on [latents, latents]
 * with the text context [uncond, cond], guides eps = u + g·(c − u) and applies the DDIM update.
 * Every step's temporaries live in an {@link NDScope} that is closed at the end of the step; only
 * the new latents survive it, so memory stays flat for any number of steps.
 */
public final class Denoiser {
  private final UNet2DCondition unet;
  private final DdimScheduler scheduler;

  public Denoiser(UNet2DCondition unet, DdimScheduler scheduler) {
    this.unet = unet;
    this.scheduler = scheduler;
  }

  /**
   * Denoises {@code latents} [B, C, h, w] (closed here; the returned array replaces it) over {@code
   * timesteps}; {@code beginStep} is told each step index before the UNet runs.
   */
  public NDArray run(
      NDArray latents,
      NDArray context,
      int[] timesteps,
      float guidance,
      AttentionProcessor processor,
      IntConsumer beginStep,
      StepListener listener) {
    int batch = (int) latents.getShape().get(0);
    NDArray current = latents;
    for (int i = 0; i < timesteps.length; i++) {
      beginStep.accept(i);
      int t = timesteps[i];
      NDArray next;
      try (NDScope scope = new NDScope()) {
        scope.suppressNotUsedWarning();
        NDArray input = NDArrays.concat(new NDList(current, current), 0);
        NDArray out = unet.forward(input, t, context, processor);
        NDArray uncond = out.get("0:" + batch);
        NDArray cond = out.get(batch + ":");
        NDArray eps = uncond.add(cond.sub(uncond).mul(guidance));
        next = step(current, eps, scheduler.coefficients(t, timesteps.length));
        NDScope.unregister(next);
        listener.onStep(i, t, out, next);
      }
      current.close();
      current = next;
    }
    return current;
  }

  private static NDArray step(NDArray x, NDArray out, DdimScheduler.StepCoefficients c) {
    NDArray x0 = x.mul(c.x0FromX()).add(out.mul(c.x0FromOut()));
    if (c.clip()) {
      x0 = x0.clip(-c.clipRange(), c.clipRange());
    }
    NDArray eps =
        c.epsFromX() == 0f
            ? out.mul(c.epsFromOut())
            : x.mul(c.epsFromX()).add(out.mul(c.epsFromOut()));
    return x0.mul(c.sqrtAlphaPrev()).add(eps.mul(c.sqrtOneMinusAlphaPrev()));
  }
}
