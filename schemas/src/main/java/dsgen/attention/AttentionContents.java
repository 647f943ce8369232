package dsgen.attention;

import static dsgen.attention.AttentionProblem.MISSING_TENSOR;
import static dsgen.attention.AttentionProblem.NON_FINITE;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A read attention file: its metadata and its tensors by name. A tensor is checked for NaN/Inf the
 * first time {@link #tensor} hands it out. Safe for concurrent reads.
 */
public final class AttentionContents {
  private final AttentionMetadata metadata;
  private final Map<String, AttentionTensor> tensors;
  private final Set<String> checkedFinite = ConcurrentHashMap.newKeySet();

  AttentionContents(AttentionMetadata metadata, Map<String, AttentionTensor> tensors) {
    this.metadata = metadata;
    this.tensors = Map.copyOf(tensors);
  }

  public AttentionMetadata metadata() {
    return metadata;
  }

  /** The format version of the file. */
  public String format() {
    return metadata.format();
  }

  public boolean has(String name) {
    return tensors.containsKey(name);
  }

  public boolean has(TensorName name) {
    return has(name.toString());
  }

  /** Names of the tensors in the file. */
  public Set<String> tensorNames() {
    return tensors.keySet();
  }

  /** A tensor as stored, without the NaN check (for listing and re-encoding). */
  public AttentionTensor raw(String name) {
    AttentionTensor t = tensors.get(name);
    if (t == null) {
      throw missing(name, "tensor " + name + " is not in the attention file");
    }
    return t;
  }

  /**
   * A tensor, checked for NaN/Inf on first use.
   *
   * @throws AttentionFormatException MISSING_TENSOR when the capture lacks it, NON_FINITE when it
   *     holds NaN/Inf
   */
  public AttentionTensor tensor(String name) {
    AttentionTensor t = tensors.get(name);
    if (t == null) {
      throw missing(name, "tensor " + name + " is not in the attention file" + captured());
    }
    if (!checkedFinite.contains(name)) {
      long bad = t.firstNonFinite();
      if (bad >= 0) {
        throw new AttentionFormatException(
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

  public AttentionTensor tensor(TensorName name) {
    return tensor(name.toString());
  }

  /**
   * A tensor a recipe needs, with the recipe named in the error: "recipe seediff-1a2b3c4d needs
   * sa_maxnorm_64, not captured".
   */
  public AttentionTensor require(TensorName name, String recipeId) {
    if (!has(name)) {
      throw missing(
          name.toString(),
          "recipe "
              + recipeId
              + " needs "
              + name
              + ", not captured"
              + " (the file has "
              + list()
              + ")");
    }
    return tensor(name);
  }

  private String captured() {
    return " (captured: " + list() + ")";
  }

  private String list() {
    return String.join(", ", tensors.keySet().stream().sorted().toList());
  }

  private static AttentionFormatException missing(String name, String message) {
    return new AttentionFormatException(MISSING_TENSOR, name, message);
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
