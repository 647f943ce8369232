package dsgen.masks.pcc;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A deterministic synthetic PCC input at any scale (the benchmark uses SD2-base: R = 64, 630
 * feature columns from the 9 up-block layers, 512² image): a background and three overlapping
 * ellipses (two named classes and an unnamed distractor). Per-head PCA features are region means
 * plus a smooth positional term and noise, computed on each head's own grid (16, 32 or 64) and
 * nearest-upsampled to R; OVAM maps favour the start token on the background and each class token
 * on its object; the image has a colour per region, a gradient, texture and noise.
 */
public final class SyntheticPccScene {
  /** SD2-base up-block heads per resolution: 3 layers × 2 CFG halves × heads. */
  private static final int[][] SD2_MAPS = {{16, 3 * 2 * 20}, {32, 3 * 2 * 10}, {64, 3 * 2 * 5}};

  private static final double[][] ELLIPSES = {
    // cx, cy, rx, ry (fractions of the image)
    {0.35, 0.55, 0.22, 0.30},
    {0.70, 0.40, 0.18, 0.15},
    {0.62, 0.78, 0.12, 0.08},
  };
  private static final int REGIONS = ELLIPSES.length + 1;

  /** Seed of the benchmark's scene. */
  public static final long BENCH_SEED = 2024;

  public final int r;
  public final int imageSize;
  public final int columns;
  public final float[] features;
  public final int tokens;
  public final float[] ovam;
  public final List<ClassTokens> classes;
  public final int[] rgb;

  private SyntheticPccScene(int r, int imageSize, long seed) {
    this.r = r;
    this.imageSize = imageSize;
    SplittableRandom rnd = new SplittableRandom(seed);
    int maps = 0;
    for (int[] m : SD2_MAPS) {
      maps += m[1];
    }
    this.columns = 3 * maps;
    this.features = features(rnd);
    this.classes =
        List.of(
            new ClassTokens("cat", 8, new int[] {1}),
            new ClassTokens("potted plant", 16, new int[] {2, 3}));
    this.tokens = 5;
    this.ovam = ovam(rnd);
    this.rgb = image(rnd);
  }

  /** SD2-base scale: R = 64, 630 columns, 512² image. */
  public static SyntheticPccScene sd2(long seed) {
    return new SyntheticPccScene(64, 512, seed);
  }

  /**
   * Region at a point given in fractions of the image: 0 background, 1..3 ellipses (later ones on
   * top).
   */
  static int regionAt(double u, double v) {
    int region = 0;
    for (int e = 0; e < ELLIPSES.length; e++) {
      double dx = (u - ELLIPSES[e][0]) / ELLIPSES[e][2];
      double dy = (v - ELLIPSES[e][1]) / ELLIPSES[e][3];
      if (dx * dx + dy * dy <= 1) {
        region = e + 1;
      }
    }
    return region;
  }

  private float[] features(SplittableRandom rnd) {
    int n = r * r;
    float[] out = new float[n * columns];
    int col = 0;
    for (int[] m : SD2_MAPS) {
      int res = Math.min(m[0] * r / 64, r);
      for (int map = 0; map < m[1]; map++) {
        for (int comp = 0; comp < 3; comp++, col++) {
          double[] means = new double[REGIONS];
          for (int g = 0; g < REGIONS; g++) {
            means[g] = gaussian(rnd);
          }
          double fx = 1 + 3 * rnd.nextDouble();
          double fy = 1 + 3 * rnd.nextDouble();
          double amp = 0.5 * rnd.nextDouble();
          double[] grid = new double[res * res];
          for (int y = 0; y < res; y++) {
            for (int x = 0; x < res; x++) {
              double u = (x + 0.5) / res;
              double v = (y + 0.5) / res;
              grid[y * res + x] =
                  means[regionAt(u, v)]
                      + amp * Math.sin(fx * u * Math.PI) * Math.cos(fy * v * Math.PI)
                      + 0.3 * gaussian(rnd);
            }
          }
          for (int p = 0; p < n; p++) {
            int y = p / r * res / r;
            int x = p % r * res / r;
            out[p * columns + col] = (float) grid[y * res + x];
          }
        }
      }
    }
    return out;
  }

  private float[] ovam(SplittableRandom rnd) {
    int n = r * r;
    float[] out = new float[tokens * n];
    for (int p = 0; p < n; p++) {
      double u = (p % r + 0.5) / r;
      double v = (p / r + 0.5) / r;
      int region = regionAt(u, v);
      double start = region == 0 ? 40 : 12;
      double cat = region == 1 ? 30 : 4;
      double pot = region == 2 ? 25 : 3;
      double potSecond = region == 2 && v > 0.4 ? 28 : 2;
      double end = 8;
      double[] values = {start, cat, pot, potSecond, end};
      for (int t = 0; t < tokens; t++) {
        out[t * n + p] = (float) Math.max(0, values[t] + 4 * gaussian(rnd));
      }
    }
    return out;
  }

  private int[] image(SplittableRandom rnd) {
    int[][] colours = {{90, 140, 200}, {180, 120, 60}, {60, 160, 70}, {120, 110, 100}};
    int[] out = new int[imageSize * imageSize];
    for (int y = 0; y < imageSize; y++) {
      for (int x = 0; x < imageSize; x++) {
        double u = (x + 0.5) / imageSize;
        double v = (y + 0.5) / imageSize;
        int[] c = colours[regionAt(u, v)];
        double shade = 30 * (u - v) + 12 * Math.sin(40 * u) * Math.sin(30 * v);
        int packed = 0;
        for (int ch = 0; ch < 3; ch++) {
          int value = (int) Math.round(c[ch] + shade + 10 * gaussian(rnd));
          packed = packed << 8 | Math.max(0, Math.min(255, value));
        }
        out[y * imageSize + x] = packed;
      }
    }
    return out;
  }

  /**
   * Sum of four uniforms, centred and scaled to unit variance: cheap, deterministic, bell-shaped.
   */
  private static double gaussian(SplittableRandom rnd) {
    return (rnd.nextDouble() + rnd.nextDouble() + rnd.nextDouble() + rnd.nextDouble() - 2)
        * Math.sqrt(3);
  }
}
