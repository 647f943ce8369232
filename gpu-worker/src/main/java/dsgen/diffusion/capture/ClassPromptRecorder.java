package dsgen.diffusion.capture;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dsgen.diffusion.nn.Heads;

/**
 * {@code cpa_mean_r} (Dataset Diffusion's class-prompt attention): conditional queries of every
 * cross-attention layer at r against the keys of the separately encoded class prompt (77 slots,
 * padding included), softmax over those slots, mean over layers, heads and steps. The class prompt
 * never reaches the UNet's output.
 */
final class ClassPromptRecorder extends RunningMeanRecorder {
  private final int resolution;
  private final PromptKeys classKeys;

  ClassPromptRecorder(
      String name, int resolution, PromptKeys classKeys, int batch, long slots, NDManager manager) {
    super(name, resolution, batch, slots, manager);
    this.resolution = resolution;
    this.classKeys = classKeys;
  }

  @Override
  public void record(CallTensors t) {
    if (!t.call.layer().cross() || t.call.height() != resolution) {
      return;
    }
    NDArray q = t.condQueries();
    NDArray k = classKeys.keys(t.call);
    NDArray p =
        t.call.upcast()
            ? Heads.probabilities(
                CallTensors.float32(q), CallTensors.float32(k), t.call.scale(), null)
            : Heads.probabilities(q, k, t.call.scale(), null);
    accumulate(CallTensors.float32(p).sum(new int[] {1}), t.heads());
  }
}
