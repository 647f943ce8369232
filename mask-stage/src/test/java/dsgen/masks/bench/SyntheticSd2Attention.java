package dsgen.masks.bench;

import dsgen.attention.AttentionWriter;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * An attention file at Stable Diffusion 2 scale (R = 64, image 512², float16) with structured
 * content: one object (class "cat", prompt token 5) and a distractor. Self-attention rows are
 * softmaxes of the negative distance between noisy region and position features; cross-attention is
 * start-token dominated and raised on the object for the class token; ovam_64 (descriptive prompt
 * "cat") and pcc_features follow the same regions, so every tensor of {@code --capture full} is
 * there and every method runs. Written once (deterministic) and read back from the file by the
 * benchmarks.
 */
public final class SyntheticSd2Attention {
  public static final int R = 64;
  public static final int IMAGE = 512;
  static final int TOKENS = 77;
  static final int CLASS_TOKEN = 5;
  static final int LAYERS = 5;
  private static final int[] RESOLUTIONS = {R / 8, R / 4, R / 2, R};

  /** 5 heads × 3 up-block layers at R, 3 principal components each. */
  static final int PCC_FEATURES = 45;

  private SyntheticSd2Attention() {}

  /**
   * Writes {@code attention.safetensors} and {@code image.png} into dir unless they exist; returns
   * dir.
   */
  public static Path ensure(Path dir) throws IOException {
    Path attention = dir.resolve("attention.safetensors");
    Path image = dir.resolve("image.png");
    if (Files.exists(attention) && Files.exists(image)) {
      return dir;
    }
    Files.createDirectories(dir);
    SplittableRandom rnd = new SplittableRandom(2024);
    AttentionWriter w = new AttentionWriter().metadata(metadata());
    for (int r : RESOLUTIONS) {
      float[] sa = selfAttention(r, rnd);
      float max = 0;
      for (float v : sa) {
        max = Math.max(max, v);
      }
      float[] scaled = new float[sa.length];
      int heads = 5;
      for (int i = 0; i < sa.length; i++) {
        scaled[i] = sa[i] / max;
      }
      w.f16("sa_maxnorm_" + r, new int[] {r * r, r * r}, scaled);
      w.f16("sa_mean_" + r, new int[] {r * r, r * r}, sa);
      if (r >= R / 4) {
        for (int i = 0; i < sa.length; i++) {
          scaled[i] = sa[i] * heads;
        }
        w.f16("sa_first_" + r, new int[] {r * r, r * r}, scaled);
      }
      float[] ca = crossAttention(r, rnd, 1f);
      w.f16("ca_mean_" + r, new int[] {r * r, TOKENS}, ca);
      w.f16("cpa_mean_" + r, new int[] {r * r, TOKENS}, crossAttention(r, rnd, 1f));
      w.f16("ca_maxnorm_" + r, new int[] {r * r, TOKENS}, maxPerToken(ca, r * r));
      float[] layers = new float[LAYERS * r * r * TOKENS];
      for (int l = 0; l < LAYERS; l++) {
        float[] one = crossAttention(r, rnd, heads);
        System.arraycopy(one, 0, layers, l * one.length, one.length);
      }
      w.f16("ca_layers_" + r, new int[] {LAYERS, r * r, TOKENS}, layers);
    }
    w.f16("ovam_" + R, new int[] {2, R, R}, ovam(rnd));
    w.f16("pcc_features", new int[] {R * R, PCC_FEATURES}, pccFeatures(rnd));
    Path tmp = dir.resolve("attention.safetensors.tmp");
    try (OutputStream out = Files.newOutputStream(tmp)) {
      w.writeTo(out);
    }
    Files.move(tmp, attention);
    ImageIO.write(image(rnd), "png", image.toFile());
    return dir;
  }

  private static Map<String, String> metadata() {
    Map<String, String> m = new java.util.TreeMap<>(metadataWithoutDescriptive());
    m.put("descriptive_prompt", "cat");
    return m;
  }

  private static Map<String, String> metadataWithoutDescriptive() {
    return Map.of(
        "format",
        "dsgen-attention/1",
        "prompt",
        "a photo of a cat",
        "class_prompt",
        "cat",
        "classes",
        "[{\"name\":\"cat\",\"label\":8,\"prompt_tokens\":[5],\"class_prompt_tokens\":[1],"
            + "\"descriptive_tokens\":[1]}]",
        "resolutions",
        "[64,32,16,8]",
        "latent_size",
        "64",
        "dtype",
        "float16",
        "model",
        "synthetic-sd2",
        "capture_profile",
        "default",
        "steps",
        "50");
  }

  /** 0 background, 1 object, 2 distractor at a pixel centre (normalised coordinates). */
  static int region(double x, double y) {
    double ox = (x - 0.42) / 0.22;
    double oy = (y - 0.55) / 0.28;
    if (ox * ox + oy * oy <= 1) {
      return 1;
    }
    double dx = (x - 0.8) / 0.1;
    double dy = (y - 0.2) / 0.12;
    return dx * dx + dy * dy <= 1 ? 2 : 0;
  }

  private static float[] selfAttention(int r, SplittableRandom rnd) {
    int n = r * r;
    double[][] f = new double[n][5];
    for (int p = 0; p < n; p++) {
      double x = (p % r + 0.5) / r;
      double y = (p / r + 0.5) / r;
      int g = region(x, y);
      f[p][0] = 3 * x;
      f[p][1] = 3 * y;
      f[p][2] = 4 * (g == 1 ? 1 : 0) + 0.3 * rnd.nextGaussian();
      f[p][3] = 4 * (g == 2 ? 1 : 0) + 0.3 * rnd.nextGaussian();
      f[p][4] = 0.3 * rnd.nextGaussian();
    }
    float[] out = new float[n * n];
    double[] logits = new double[n];
    for (int i = 0; i < n; i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < n; j++) {
        double d = 0;
        for (int k = 0; k < 5; k++) {
          double t = f[i][k] - f[j][k];
          d += t * t;
        }
        logits[j] = -2.0 * Math.sqrt(d);
        max = Math.max(max, logits[j]);
      }
      double sum = 0;
      for (int j = 0; j < n; j++) {
        logits[j] = Math.exp(logits[j] - max);
        sum += logits[j];
      }
      for (int j = 0; j < n; j++) {
        out[i * n + j] = (float) (logits[j] / sum);
      }
    }
    return out;
  }

  /**
   * Rows over 77 tokens: start token dominant, the class token raised on the object, small noise
   * elsewhere.
   */
  private static float[] crossAttention(int r, SplittableRandom rnd, float scale) {
    int n = r * r;
    float[] out = new float[n * TOKENS];
    double[] logits = new double[TOKENS];
    for (int p = 0; p < n; p++) {
      int g = region((p % r + 0.5) / r, (p / r + 0.5) / r);
      double max = Double.NEGATIVE_INFINITY;
      for (int t = 0; t < TOKENS; t++) {
        logits[t] =
            0.5 * rnd.nextGaussian()
                + (t == 0 ? 5 : 0)
                + (t == CLASS_TOKEN && g == 1 ? 3.5 : 0)
                + (t == 1 && g == 1 ? 2.5 : 0)
                + (t == 2 && g == 2 ? 2 : 0);
        max = Math.max(max, logits[t]);
      }
      double sum = 0;
      for (int t = 0; t < TOKENS; t++) {
        logits[t] = Math.exp(logits[t] - max);
        sum += logits[t];
      }
      for (int t = 0; t < TOKENS; t++) {
        out[p * TOKENS + t] = (float) (scale * logits[t] / sum);
      }
    }
    return out;
  }

  /** [2, R, R]: the start token nearly flat, the class token raised on the object. */
  private static float[] ovam(SplittableRandom rnd) {
    float[] out = new float[2 * R * R];
    for (int p = 0; p < R * R; p++) {
      int g = region((p % R + 0.5) / R, (p / R + 0.5) / R);
      out[p] = (float) (1 + 0.05 * rnd.nextGaussian());
      out[R * R + p] = (float) Math.max(0, (g == 1 ? 1.0 : 0.15) + 0.1 * rnd.nextGaussian());
    }
    return out;
  }

  /** [R², F]: a random direction per region and feature, plus noise. */
  private static float[] pccFeatures(SplittableRandom rnd) {
    double[][] centre = new double[3][PCC_FEATURES];
    for (double[] c : centre) {
      for (int f = 0; f < PCC_FEATURES; f++) {
        c[f] = rnd.nextGaussian();
      }
    }
    float[] out = new float[R * R * PCC_FEATURES];
    for (int p = 0; p < R * R; p++) {
      int g = region((p % R + 0.5) / R, (p / R + 0.5) / R);
      for (int f = 0; f < PCC_FEATURES; f++) {
        out[p * PCC_FEATURES + f] = (float) (centre[g][f] + 0.4 * rnd.nextGaussian());
      }
    }
    return out;
  }

  private static float[] maxPerToken(float[] ca, int n) {
    float[] out = ca.clone();
    for (int t = 0; t < TOKENS; t++) {
      float max = 0;
      for (int p = 0; p < n; p++) {
        max = Math.max(max, ca[p * TOKENS + t]);
      }
      for (int p = 0; p < n; p++) {
        out[p * TOKENS + t] = max > 0 ? ca[p * TOKENS + t] / max : 0;
      }
    }
    return out;
  }

  private static BufferedImage image(SplittableRandom rnd) {
    BufferedImage img = new BufferedImage(IMAGE, IMAGE, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < IMAGE; y++) {
      for (int x = 0; x < IMAGE; x++) {
        int g = region((x + 0.5) / IMAGE, (y + 0.5) / IMAGE);
        int base = g == 1 ? 0xC08040 : g == 2 ? 0x707070 : 0x3060A0;
        int rgb = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
          int c = ((base >> shift) & 0xFF) + (int) (12 * rnd.nextGaussian()) + (x + y) / 32;
          rgb |= Math.max(0, Math.min(255, c)) << shift;
        }
        img.setRGB(x, y, rgb);
      }
    }
    return img;
  }
}
