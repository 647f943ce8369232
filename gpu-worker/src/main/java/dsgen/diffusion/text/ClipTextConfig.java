package dsgen.diffusion.text;

import dsgen.diffusion.io.JsonConfig;

/** The parts of a transformers {@code CLIPTextConfig} the encoder needs. */
public record ClipTextConfig(
    int hiddenSize,
    int intermediateSize,
    int heads,
    int layers,
    String activation,
    double layerNormEps,
    int maxPositions,
    int vocabSize) {

  public static ClipTextConfig from(JsonConfig c) {
    String act = c.string("hidden_act", "quick_gelu");
    if (!act.equals("gelu") && !act.equals("quick_gelu")) {
      throw c.error("hidden_act", "unsupported activation '" + act + "' (gelu or quick_gelu)");
    }
    int hidden = c.integer("hidden_size");
    int heads = c.integer("num_attention_heads");
    if (hidden % heads != 0) {
      throw c.error("num_attention_heads", heads + " heads do not divide hidden_size " + hidden);
    }
    return new ClipTextConfig(
        hidden,
        c.integer("intermediate_size"),
        heads,
        c.integer("num_hidden_layers"),
        act,
        c.number("layer_norm_eps", 1e-5),
        c.integer("max_position_embeddings", 77),
        c.integer("vocab_size"));
  }
}
