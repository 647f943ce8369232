package dsgen.attention;

import static dsgen.attention.AttentionProblem.MISSING_TENSOR;
import static dsgen.attention.AttentionProblem.NON_FINITE;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A read attention file: its metadata and its tensors by name. Encoded tensors ({@value
 * AttentionFormat#V2}) are decoded the first time they are asked for, then kept; a tensor is
 * checked for NaN/Inf the first time {@link #tensor} hands it out. Safe for concurrent reads.
 */
public final class AttentionContents {
  /** A tensor as stored and how to get its values. */
  record Entry(StoredTensor stored, Supplier<AttentionTensor> values) {}

  private final AttentionMetadata metadata;
  private final Map<String, Entry> entries;
  private final Map<String, AttentionTensor> decoded = new ConcurrentHashMap<>();
  private final Set<String> checkedFinite = ConcurrentHashMap.newKeySet();

  AttentionContents(AttentionMetadata metadata, Map<String, Entry> entries) {
    this.metadata = metadata;
    this.entries = Map.copyOf(entries);
  }

  /** Every tensor as stored (shape, dtype or encoding, bytes), sorted by name. */
  public List<StoredTensor> stored() {
    return entries.values().stream()
        .map(Entry::stored)
        .sorted(Comparator.comparing(StoredTensor::name))
        .toList();
  }

  public AttentionMetadata metadata() {
    return metadata;
  }

  /** The format version of the file. */
  public String format() {
    return metadata.format();
  }

  public boolean has(String name) {
    return entries.containsKey(name);
  }

  public boolean has(TensorName name) {
    return has(name.toString());
  }

  /** Names of the tensors in the file. */
  public Set<String> tensorNames() {
    return entries.keySet();
  }

  /** A tensor's values (decoded if encoded), without the NaN check (for re-encoding). */
  public AttentionTensor raw(String name) {
    Entry e = entries.get(name);
    if (e == null) {
      throw missing(name, "tensor " + name + " is not in the attention file");
    }
    return decoded.computeIfAbsent(name, n -> e.values().get());
  }

  /**
   * A tensor, checked for NaN/Inf on first use.
   *
   * @throws AttentionFormatException MISSING_TENSOR when the capture lacks it, NON_FINITE when it
   *     holds NaN/Inf
   */
  public AttentionTensor tensor(String name) {
    if (!has(name)) {
      throw missing(name, "tensor " + name + " is not in the attention file" + captured());
    }
    AttentionTensor t = raw(name);
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
    return String.join(", ", entries.keySet().stream().sorted().toList());
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
