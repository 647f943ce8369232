package dsgen.diffusion.capture;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dsgen.diffusion.attention.AttentionLayer;
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
  public List<CapturedTensor> finish(int request, Finisher finisher) {
    NDList parts = new NDList();
    try {
      for (Map.Entry<Integer, NDArray> e : sums.entrySet()) {
        parts.add(e.getValue().get(request).div(Math.max(calls.get(e.getKey()), 1)));
      }
      if (!stacked) {
        return List.of(finisher.finish(name, parts.get(0)));
      }
      try (NDArray all = NDArrays.stack(parts)) {
        return List.of(finisher.finish(name, all));
      }
    } finally {
      parts.close();
    }
  }

  @Override
  public void close() {
    sums.values().forEach(NDArray::close);
  }
}
