package dsgen.diffusion.capture;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dsgen.diffusion.nn.Heads;
import java.util.List;

/**
 * {@code cpa_mean_r} (Dataset Diffusion's class-prompt attention): conditional queries of every cross-attention
 * layer at r against the keys of the separately encoded class prompt (77 slots, padding included), softmax over
 * those slots, mean over layers, heads and steps. The class prompt never reaches the UNet's output.
 */
final class ClassPromptRecorder implements Recorder {
  private final String name;
  private final int resolution;
  private final PromptKeys classKeys;
  private final NDArray sum;
  private long count;

  ClassPromptRecorder(String name, int resolution, PromptKeys classKeys, int batch, long slots,
      NDManager manager) {
    this.name = name;
    this.resolution = resolution;
    this.classKeys = classKeys;
    long n = (long) resolution * resolution;
    this.sum = manager.zeros(new Shape(batch, n, slots), DataType.FLOAT32);
  }

  @Override
  public void record(CallTensors t) {
    if (!t.call.layer().cross() || t.call.height() != resolution) {
      return;
    }
    NDArray q = t.condQueries();
    NDArray k = classKeys.keys(t.call);
    NDArray p = t.call.upcast()
        ? Heads.probabilities(CallTensors.float32(q), CallTensors.float32(k), t.call.scale(), null)
        : Heads.probabilities(q, k, t.call.scale(), null);
    sum.addi(CallTensors.float32(p).sum(new int[] {1}));
    count += t.heads();
  }

  @Override
  public List<CapturedTensor> finish(int request) {
    try (NDArray mean = sum.get(request).div(count)) {
      return List.of(new CapturedTensor(name, mean.getShape().getShape(), mean.toFloatArray()));
    }
  }

  @Override
  public void close() {
    sum.close();
  }
}
