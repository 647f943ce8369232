package dsgen.diffusion.capture;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dsgen.diffusion.attention.AttentionLayer;
import dsgen.diffusion.nn.Heads;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code ovam_R} (open-vocabulary attention maps, as PCC uses them): unconditional queries of every
 * down- and up-block cross-attention layer against the keys of the descriptive prompt without
 * padding (start and end tokens kept), softmax over its T_d tokens, summed over heads and steps,
 * bilinearly resized to R and summed over layers. Resizing is linear, so the sums over layers and
 * steps at one resolution are taken first on the device and each resolution is resized once at the
 * end. Batch elements with shorter descriptive prompts are padded with keys masked to -inf, which
 * leaves their softmax unchanged.
 */
final class OvamRecorder implements Recorder {
  private final String name;
  private final int top;
  private final PromptKeys keys;
  private final int[] lengths;
  private final NDArray mask;
  private final Map<Integer, NDArray> sums = new TreeMap<>();

  OvamRecorder(
      String name,
      int top,
      List<Integer> resolutions,
      PromptKeys keys,
      int[] lengths,
      NDArray mask,
      int batch,
      NDManager manager) {
    this.name = name;
    this.top = top;
    this.keys = keys;
    this.lengths = lengths;
    this.mask = mask;
    long slots = mask.getShape().get(3);
    for (int r : resolutions) {
      sums.put(r, manager.zeros(new Shape(batch, (long) r * r, slots), DataType.FLOAT32));
    }
  }

  @Override
  public void record(CallTensors t) {
    if (!t.call.layer().cross() || t.call.layer().part() == AttentionLayer.Part.MID) {
      return;
    }
    NDArray sum = sums.get(t.call.height());
    if (sum == null) {
      return;
    }
    NDArray q = CallTensors.float32(t.uncondQueries());
    NDArray k = CallTensors.float32(keys.keys(t.call));
    NDArray p = Heads.probabilities(q, k, t.call.scale(), mask);
    sum.addi(p.sum(new int[] {1}));
  }

  @Override
  public List<CapturedTensor> finish(int request, Finisher finisher) {
    int tokens = lengths[request];
    int slots = (int) mask.getShape().get(3);
    double[][] out = new double[tokens][top * top];
    for (Map.Entry<Integer, NDArray> e : sums.entrySet()) {
      int r = e.getKey();
      float[] acc;
      try (NDArray one = e.getValue().get(request)) {
        acc = one.toFloatArray();
      }
      for (int tok = 0; tok < tokens; tok++) {
        double[] map = new double[r * r];
        for (int p = 0; p < r * r; p++) {
          map[p] = acc[p * slots + tok];
        }
        double[] resized = Resize.bilinear(map, r, top);
        for (int p = 0; p < resized.length; p++) {
          out[tok][p] += resized[p];
        }
      }
    }
    float[] values = new float[tokens * top * top];
    for (int tok = 0; tok < tokens; tok++) {
      for (int p = 0; p < top * top; p++) {
        values[tok * top * top + p] = (float) out[tok][p];
      }
    }
    return List.of(new CapturedTensor(name, new long[] {tokens, top, top}, values));
  }

  @Override
  public void close() {
    sums.values().forEach(NDArray::close);
  }
}
