package dsgen.diffusion.capture;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dsgen.diffusion.attention.AttentionLayer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-layer maps: the head-SUM of the conditional probabilities, mean over steps, for a fixed list
 * of layers — {@code ca_layers_r} (every cross-attention layer at r, stacked in execution order:
 * [L, r², 77]) or {@code sa_first_r} (the first up-block self-attention layer at r: [r², r²]).
 */
final class LayerRecorder implements Recorder {
  private final String name;
  private final boolean stacked;
  private final Map<Integer, NDArray> sums = new LinkedHashMap<>();
  private final Map<Integer, Integer> calls = new LinkedHashMap<>();

  LayerRecorder(
      String name,
      List<AttentionLayer> layers,
      boolean stacked,
      int resolution,
      int batch,
      long keys,
      NDManager manager) {
    this.name = name;
    this.stacked = stacked;
    long n = (long) resolution * resolution;
    for (AttentionLayer l : layers) {
      sums.put(l.order(), manager.zeros(new Shape(batch, n, keys), DataType.FLOAT32));
      calls.put(l.order(), 0);
    }
  }

  @Override
  public void record(CallTensors t) {
    NDArray sum = sums.get(t.call.layer().order());
    if (sum != null) {
      sum.addi(t.condHeadSum());
      calls.merge(t.call.layer().order(), 1, Integer::sum);
    }
  }

  @Override
  public List<CapturedTensor> finish(int request) {
    List<float[]> parts = new ArrayList<>();
    long[] one = null;
    for (Map.Entry<Integer, NDArray> e : sums.entrySet()) {
      try (NDArray mean = e.getValue().get(request).div(Math.max(calls.get(e.getKey()), 1))) {
        parts.add(mean.toFloatArray());
        one = mean.getShape().getShape();
      }
    }
    if (!stacked) {
      return List.of(new CapturedTensor(name, one, parts.get(0)));
    }
    int size = parts.get(0).length;
    float[] all = new float[size * parts.size()];
    for (int i = 0; i < parts.size(); i++) {
      System.arraycopy(parts.get(i), 0, all, i * size, size);
    }
    return List.of(new CapturedTensor(name, new long[] {parts.size(), one[0], one[1]}, all));
  }

  @Override
  public void close() {
    sums.values().forEach(NDArray::close);
  }
}
