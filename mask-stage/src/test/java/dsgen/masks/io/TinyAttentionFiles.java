package dsgen.masks.io;

import dsgen.attention.AttentionWriter;
import java.util.HashMap;
import java.util.Map;

/** Small hand-made attention files for reader tests (R = 8, resolutions 8, 4, 2, 1). */
final class TinyAttentionFiles {
  static final String CLASSES =
      "[{\"name\":\"cat\",\"label\":8,\"prompt_tokens\":[5],\"class_prompt_tokens\":[1],"
          + "\"descriptive_tokens\":[1]}]";

  private TinyAttentionFiles() {}

  static Map<String, String> metadata() {
    Map<String, String> m = new HashMap<>();
    m.put("format", "dsgen-attention/1");
    m.put("prompt", "a photo of a cat");
    m.put("class_prompt", "cat");
    m.put("classes", CLASSES);
    m.put("resolutions", "[8,4,2,1]");
    m.put("latent_size", "8");
    m.put("steps", "2");
    m.put("seed", "7");
    m.put("guidance_scale", "7.5");
    m.put("timesteps", "[1,0]");
    return m;
  }

  static float[] ramp(int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (i % 97) / 97f;
    }
    return v;
  }

  /** A valid file: ca_mean_4 (F16), sa_mean_4 (F32), ca_layers_4 (BF16). */
  static AttentionWriter valid() {
    return new AttentionWriter()
        .metadata(metadata())
        .f16("ca_mean_4", new int[] {16, 77}, ramp(16 * 77))
        .f32("sa_mean_4", new int[] {16, 16}, ramp(256))
        .bf16("ca_layers_4", new int[] {2, 16, 77}, ramp(2 * 16 * 77));
  }
}
