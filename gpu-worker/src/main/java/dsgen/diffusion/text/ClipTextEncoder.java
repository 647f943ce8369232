package dsgen.diffusion.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import dsgen.diffusion.nn.Heads;
import dsgen.diffusion.nn.LinearLayer;
import dsgen.diffusion.nn.NormLayer;
import dsgen.diffusion.nn.Ops;
import dsgen.diffusion.nn.TensorSource;
import java.util.ArrayList;
import java.util.List;

/**
 * CLIP text transformer (transformers' {@code CLIPTextModel}): token + position embeddings, pre-LN
 * encoder layers with causal self-attention (no padding mask: pads are ordinary causal tokens),
 * final LayerNorm. Its output is {@code last_hidden_state}, what Stable Diffusion conditions on
 * (SD2's converted checkpoints already dropped the last OpenCLIP layer, so all layers run).
 */
public final class ClipTextEncoder {
  private static final String P = "text_model.";

  private record Layer(
      NormLayer norm1,
      LinearLayer q,
      LinearLayer k,
      LinearLayer v,
      LinearLayer out,
      NormLayer norm2,
      LinearLayer fc1,
      LinearLayer fc2) {}

  private final ClipTextConfig config;
  private final NDArray tokenEmbedding;
  private final NDArray positionEmbedding;
  private final List<Layer> layers = new ArrayList<>();
  private final NormLayer finalNorm;

  public ClipTextEncoder(ClipTextConfig config, TensorSource w) {
    this.config = config;
    long c = config.hiddenSize();
    tokenEmbedding =
        w.tensor(P + "embeddings.token_embedding.weight", new Shape(config.vocabSize(), c));
    positionEmbedding =
        w.tensor(P + "embeddings.position_embedding.weight", new Shape(config.maxPositions(), c));
    for (int i = 0; i < config.layers(); i++) {
      String p = P + "encoder.layers." + i + ".";
      layers.add(
          new Layer(
              NormLayer.layer(w, p + "layer_norm1", c, config.layerNormEps()),
              LinearLayer.load(w, p + "self_attn.q_proj", c, c, true),
              LinearLayer.load(w, p + "self_attn.k_proj", c, c, true),
              LinearLayer.load(w, p + "self_attn.v_proj", c, c, true),
              LinearLayer.load(w, p + "self_attn.out_proj", c, c, true),
              NormLayer.layer(w, p + "layer_norm2", c, config.layerNormEps()),
              LinearLayer.load(w, p + "mlp.fc1", c, config.intermediateSize(), true),
              LinearLayer.load(w, p + "mlp.fc2", config.intermediateSize(), c, true)));
    }
    finalNorm = NormLayer.layer(w, P + "final_layer_norm", c, config.layerNormEps());
  }

  public ClipTextConfig config() {
    return config;
  }

  /**
   * {@code last_hidden_state} [B, L, hidden] of token ids [B][L] (all rows the same length L ≤ max
   * positions), created on {@code manager}.
   */
  public NDArray encode(NDManager manager, int[][] ids) {
    int b = ids.length;
    int len = ids[0].length;
    long[] flat = new long[b * len];
    for (int i = 0; i < b; i++) {
      for (int j = 0; j < len; j++) {
        flat[i * len + j] = ids[i][j];
      }
    }
    NDArray idArray =
        manager.create(flat, new Shape(b, len)).toDevice(tokenEmbedding.getDevice(), false);
    NDArray h = Embedding.embedding(idArray, tokenEmbedding, SparseFormat.DENSE).singletonOrThrow();
    NDArray positions =
        manager.arange(0, len, 1, DataType.INT64).toDevice(tokenEmbedding.getDevice(), false);
    h =
        h.add(
            Embedding.embedding(positions, positionEmbedding, SparseFormat.DENSE)
                .singletonOrThrow()
                .expandDims(0));
    NDArray mask = causalMask(manager, len, h.getDataType()).toDevice(h.getDevice(), false);
    int heads = config.heads();
    float scale = (float) (1.0 / Math.sqrt(config.hiddenSize() / (double) heads));
    for (Layer l : layers) {
      NDArray n = l.norm1().apply(h);
      NDArray q = Heads.split(l.q().apply(n), heads);
      NDArray k = Heads.split(l.k().apply(n), heads);
      NDArray v = Heads.split(l.v().apply(n), heads);
      NDArray o = Heads.merge(Heads.probabilities(q, k, scale, mask).matMul(v));
      h = h.add(l.out().apply(o));
      n = l.norm2().apply(h);
      NDArray a = l.fc1().apply(n);
      a = config.activation().equals("gelu") ? Ops.gelu(a) : Ops.quickGelu(a);
      h = h.add(l.fc2().apply(a));
    }
    return finalNorm.apply(h);
  }

  private static NDArray causalMask(NDManager manager, int len, DataType dtype) {
    float[] m = new float[len * len];
    for (int i = 0; i < len; i++) {
      for (int j = i + 1; j < len; j++) {
        m[i * len + j] = Float.NEGATIVE_INFINITY;
      }
    }
    return manager.create(m, new Shape(len, len)).toType(dtype, false);
  }
}
