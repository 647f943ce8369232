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
