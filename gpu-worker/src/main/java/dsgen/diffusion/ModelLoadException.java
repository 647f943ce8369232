package dsgen.diffusion;

import java.nio.file.Path;

/**
 * A model folder that cannot be loaded: a missing file or tensor, a tensor of the wrong shape, a
 * configuration value that is missing or not supported. The message always names the file (and the
 * tensor or key) so a person can fix the folder.
 */
public class ModelLoadException extends RuntimeException {
  private final Path file;

  public ModelLoadException(Path file, String problem) {
    super(file + ": " + problem);
    this.file = file;
  }

  public ModelLoadException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
    this.file = file;
  }

  public static ModelLoadException missingFile(Path file, String role) {
    return new ModelLoadException(file, "missing file (the " + role + ")");
  }

  public static ModelLoadException missingTensor(Path file, String tensor, String expectedShape) {
    return new ModelLoadException(
        file, "missing tensor '" + tensor + "' (expected shape " + expectedShape + ")");
  }

  public static ModelLoadException shapeMismatch(
      Path file, String tensor, String expected, String found) {
    return new ModelLoadException(
        file, "tensor '" + tensor + "' has shape " + found + ", expected " + expected);
  }

  public static ModelLoadException badConfig(Path file, String key, String problem) {
    return new ModelLoadException(file, "'" + key + "': " + problem);
  }

  /** The file at fault. */
  public Path file() {
    return file;
  }
}
