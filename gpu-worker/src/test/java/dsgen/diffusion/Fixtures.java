package dsgen.diffusion;

import ai.djl.ndarray.NDArray;
import dsgen.diffusion.io.Npy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Locations of the shared fixtures (system property {@code dsgen.fixtures}) and golden comparisons.
 */
public final class Fixtures {
  private Fixtures() {}

  public static Path root() {
    String p = System.getProperty("dsgen.fixtures");
    if (p == null) {
      throw new IllegalStateException(
          "system property dsgen.fixtures is not set (surefire sets it)");
    }
    return Path.of(p);
  }

  public static Path tinyModel() {
    return root().resolve("tiny-sd2");
  }

  public static Path golden(String file) {
    return root().resolve("tiny-sd2-golden").resolve(file);
  }

  /**
   * A sampler golden folder: {@code tiny-sd2-golden-pndm}, {@code -dpmsolver} or {@code -euler}.
   */
  public static Path samplerGolden(String sampler, String file) {
    return root().resolve("tiny-sd2-golden-" + sampler).resolve(file);
  }

  public static Npy.Array samplerNpy(String sampler, String file) {
    try {
      return Npy.read(samplerGolden(sampler, file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Npy.Array npy(String file) {
    try {
      return Npy.read(golden(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** max |a - b| / max |golden|. */
  public static double relativeError(float[] mine, float[] golden) {
    if (mine.length != golden.length) {
      throw new AssertionError("length " + mine.length + " != golden " + golden.length);
    }
    double max = 0;
    double diff = 0;
    for (int i = 0; i < golden.length; i++) {
      max = Math.max(max, Math.abs(golden[i]));
      diff = Math.max(diff, Math.abs(mine[i] - golden[i]));
    }
    return diff / (max == 0 ? 1 : max);
  }

  /**
   * Asserts |mine − golden| ≤ 1e-4 · max|golden| (the golden README's suggested check for float32).
   */
  public static void assertClose(String what, float[] mine, float[] golden) {
    double rel = relativeError(mine, golden);
    if (!(rel <= 1e-4)) {
      throw new AssertionError(what + ": max |mine - golden| = " + rel + " x max|golden| (> 1e-4)");
    }
  }

  public static void assertClose(String what, NDArray mine, String goldenFile) {
    Npy.Array g = npy(goldenFile);
    if (!Arrays.equals(mine.getShape().getShape(), g.shape())) {
      throw new AssertionError(
          what + ": shape " + mine.getShape() + " != golden " + Arrays.toString(g.shape()));
    }
    assertClose(
        what, mine.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray(), g.floats());
  }

  /** The arrays one after the other (per-step captures into one golden-shaped array). */
  public static float[] concat(java.util.List<float[]> parts) {
    int n = parts.stream().mapToInt(p -> p.length).sum();
    float[] out = new float[n];
    int at = 0;
    for (float[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  /** The largest per-channel difference between a PNG and a golden PNG of the same size. */
  public static int maxPngDifference(byte[] png, Path golden) throws IOException {
    java.awt.image.BufferedImage mine =
        javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
    java.awt.image.BufferedImage ref = javax.imageio.ImageIO.read(golden.toFile());
    if (ref.getWidth() != mine.getWidth() || ref.getHeight() != mine.getHeight()) {
      throw new AssertionError(
          "PNG is "
              + mine.getWidth()
              + "x"
              + mine.getHeight()
              + ", golden "
              + ref.getWidth()
              + "x"
              + ref.getHeight());
    }
    int worst = 0;
    for (int y = 0; y < ref.getHeight(); y++) {
      for (int x = 0; x < ref.getWidth(); x++) {
        int a = mine.getRGB(x, y);
        int b = ref.getRGB(x, y);
        for (int shift = 0; shift < 24; shift += 8) {
          worst = Math.max(worst, Math.abs(((a >> shift) & 0xFF) - ((b >> shift) & 0xFF)));
        }
      }
    }
    return worst;
  }

  public static Path copyTree(Path from, Path to) throws IOException {
    try (var paths = Files.walk(from)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    return to;
  }

  public static void deleteTree(Path root) throws IOException {
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
