package dsgen.masks.io;

import dsgen.attention.AttentionContents;
import dsgen.attention.AttentionFormatException;
import dsgen.attention.AttentionMetadata;
import dsgen.attention.AttentionReader;
import dsgen.attention.AttentionTensor;
import dsgen.attention.TensorName;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Supplier;

/**
 * An attention file as the mask methods read it: the contract's reader ({@link AttentionReader},
 * both format versions) with its failures as {@link AttentionFileException}s naming the tensor or
 * field.
 */
public final class AttentionFile {
  private final AttentionContents contents;

  private AttentionFile(AttentionContents contents) {
    this.contents = contents;
  }

  /** Reads a file held in memory; the tensors stay in {@code bytes} (not copied). */
  public static AttentionFile read(byte[] bytes) {
    return new AttentionFile(translated(() -> AttentionReader.read(bytes)));
  }

  /** Maps a file read-only; tensors are read from the mapping as they are used. */
  public static AttentionFile read(Path path) {
    return new AttentionFile(translated(() -> AttentionReader.read(path)));
  }

  public AttentionMetadata metadata() {
    return contents.metadata();
  }

  /** R: the largest attention resolution. */
  public int topResolution() {
    return contents.metadata().topResolution();
  }

  public boolean has(String name) {
    return contents.has(name);
  }

  public boolean has(TensorName name) {
    return contents.has(name);
  }

  /** Names of the tensors in the file. */
  public Set<String> tensorNames() {
    return contents.tensorNames();
  }

  /**
   * A tensor, checked for NaN/Inf on first use.
   *
   * @throws AttentionFileException MISSING_TENSOR when the capture lacks it, NON_FINITE when it
   *     holds NaN/Inf
   */
  public AttentionTensor tensor(String name) {
    return translated(() -> contents.tensor(name));
  }

  public AttentionTensor tensor(TensorName name) {
    return tensor(name.toString());
  }

  /**
   * A tensor a recipe needs, with the recipe named in the error: "recipe seediff-1a2b3c4d needs
   * sa_maxnorm_64, not captured".
   */
  public AttentionTensor require(TensorName name, String recipeId) {
    return translated(() -> contents.require(name, recipeId));
  }

  private static <T> T translated(Supplier<T> read) {
    try {
      return read.get();
    } catch (AttentionFormatException e) {
      throw new AttentionFileException(e);
    }
  }
}
