package dsgen.masks.io;

import static dsgen.masks.io.AttentionFileException.Problem.MALFORMED;
import static dsgen.masks.io.AttentionFileException.Problem.MISSING_TENSOR;
import static dsgen.masks.io.AttentionFileException.Problem.NON_FINITE;
import static dsgen.masks.io.AttentionFileException.Problem.TOKEN_OUT_OF_RANGE;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An attention file ({@code attention.safetensors}, format {@value AttentionMetadata#FORMAT}):
 * metadata and tensors as ALGORITHMS.md A2 defines them. Reading checks the container, the
 * metadata, every tensor's shape and the class token indices; a tensor is checked for NaN/Inf the
 * first time {@link #tensor} hands it out. Every failure is an {@link AttentionFileException}
 * naming the tensor or field.
 */
public final class AttentionFile {
  private final Map<String, AttentionTensor> tensors;
  private final AttentionMetadata metadata;
  private final Set<String> checkedFinite = ConcurrentHashMap.newKeySet();

  private AttentionFile(Map<String, AttentionTensor> tensors, AttentionMetadata metadata) {
    this.tensors = tensors;
    this.metadata = metadata;
  }

  /** Reads a file held in memory; the tensors stay in {@code bytes} (not copied). */
  public static AttentionFile read(byte[] bytes) {
    return read(ByteBuffer.wrap(bytes));
  }

  /** Maps a file read-only; tensors are read from the mapping as they are used. */
  public static AttentionFile read(Path path) {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      if (ch.size() > Integer.MAX_VALUE) {
        throw new AttentionFileException(MALFORMED, "file", path + " is larger than 2 GiB");
      }
      return read(ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read attention file " + path, e);
    }
  }

  private static AttentionFile read(ByteBuffer buffer) {
    Safetensors.Contents contents = Safetensors.parse(buffer);
    AttentionMetadata metadata = MetadataParser.parse(contents.metadata());
    contents.tensors().values().forEach(t -> TensorShapes.check(t, metadata));
    AttentionFile file = new AttentionFile(Map.copyOf(contents.tensors()), metadata);
    file.checkTokens();
    return file;
  }

  public AttentionMetadata metadata() {
    return metadata;
  }

  /** R: the largest attention resolution. */
  public int topResolution() {
    return metadata.topResolution();
  }

  public boolean has(String name) {
    return tensors.containsKey(name);
  }

  /** Names of the tensors in the file. */
  public Set<String> tensorNames() {
    return tensors.keySet();
  }

  /**
   * A tensor, checked for NaN/Inf on first use.
   *
   * @throws AttentionFileException MISSING_TENSOR when the capture lacks it, NON_FINITE when it
   *     holds NaN/Inf
   */
  public AttentionTensor tensor(String name) {
    AttentionTensor t = tensors.get(name);
    if (t == null) {
      throw new AttentionFileException(
          MISSING_TENSOR,
          name,
          "tensor "
              + name
              + " is not in the attention file"
              + " (captured: "
              + String.join(", ", tensors.keySet().stream().sorted().toList())
              + ")");
    }
    if (!checkedFinite.contains(name)) {
      long bad = t.firstNonFinite();
      if (bad >= 0) {
        throw new AttentionFileException(
            NON_FINITE,
            name,
            "tensor "
                + name
                + " holds "
                + t.get(bad)
                + " at flat index "
                + bad
                + " "
                + Arrays.toString(unravel(bad, t.shape())));
      }
      checkedFinite.add(name);
    }
    return t;
  }

  /**
   * A tensor a recipe needs, with the recipe named in the error: "recipe seediff-1a2b3c4d needs
   * sa_maxnorm_64, not captured".
   */
  public AttentionTensor require(String name, String recipeId) {
    if (!tensors.containsKey(name)) {
      throw new AttentionFileException(
          MISSING_TENSOR,
          name,
          "recipe "
              + recipeId
              + " needs "
              + name
              + ", not captured (the file has "
              + String.join(", ", tensors.keySet().stream().sorted().toList())
              + ")");
    }
    return tensor(name);
  }

  /**
   * Prompt and class-prompt tokens index the 77 text positions; descriptive tokens index the rows
   * of {@code ovam_R} when the file has it.
   */
  private void checkTokens() {
    List<AttentionClass> classes = metadata.classes();
    String ovam = "ovam_" + topResolution();
    int descriptive =
        tensors.containsKey(ovam) ? tensors.get(ovam).dim(0) : AttentionMetadata.TEXT_LENGTH;
    for (int i = 0; i < classes.size(); i++) {
      AttentionClass c = classes.get(i);
      String where = "classes[" + i + "]";
      if (c.promptTokens().isEmpty()) {
        throw new AttentionFileException(
            TOKEN_OUT_OF_RANGE,
            where + ".prompt_tokens",
            "metadata " + where + ".prompt_tokens of class '" + c.name() + "' is empty");
      }
      checkRange(
          c.promptTokens(), AttentionMetadata.TEXT_LENGTH, where + ".prompt_tokens", c.name());
      checkRange(
          c.classPromptTokens(),
          AttentionMetadata.TEXT_LENGTH,
          where + ".class_prompt_tokens",
          c.name());
      checkRange(c.descriptiveTokens(), descriptive, where + ".descriptive_tokens", c.name());
    }
  }

  private static void checkRange(List<Integer> tokens, int limit, String field, String className) {
    for (int t : tokens) {
      if (t < 0 || t >= limit) {
        throw new AttentionFileException(
            TOKEN_OUT_OF_RANGE,
            field,
            "metadata "
                + field
                + " of class '"
                + className
                + "' holds token index "
                + t
                + ", outside [0, "
                + limit
                + ")");
      }
    }
  }

  private static int[] unravel(long index, int[] shape) {
    int[] out = new int[shape.length];
    for (int i = shape.length - 1; i >= 0; i--) {
      out[i] = (int) (index % shape[i]);
      index /= shape[i];
    }
    return out;
  }
}
