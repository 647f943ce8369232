package dsgen.attention;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tensor of the attention file, typed: family + resolution ({@code SA_MAXNORM} at 64 is {@code
 * sa_maxnorm_64}); {@code pcc_features} has no resolution. The only place tensor names are spelled.
 *
 * @param resolution the attention resolution r, or 0 for {@link TensorFamily#PCC_FEATURES}
 */
public record TensorName(TensorFamily family, int resolution) implements Comparable<TensorName> {
  private static final Pattern RESOLVED = Pattern.compile("([a-z_]+?)_(\\d+)");

  public TensorName {
    if (family == null) {
      throw new IllegalArgumentException("tensor family is null");
    }
    if (family.perResolution() ? resolution <= 0 : resolution != 0) {
      throw new IllegalArgumentException(
          family.prefix()
              + (family.perResolution() ? " needs a positive resolution" : " has no resolution")
              + ", got "
              + resolution);
    }
  }

  /** The family's tensor at resolution r. */
  public static TensorName of(TensorFamily family, int resolution) {
    return new TensorName(family, resolution);
  }

  /** {@code pcc_features}. */
  public static TensorName pccFeatures() {
    return new TensorName(TensorFamily.PCC_FEATURES, 0);
  }

  /** The name of a tensor as the file spells it, or empty when it is not an attention tensor. */
  public static Optional<TensorName> tryParse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    if (name.equals(TensorFamily.PCC_FEATURES.prefix())) {
      return Optional.of(pccFeatures());
    }
    Matcher m = RESOLVED.matcher(name);
    if (!m.matches() || m.group(2).length() > 6) {
      return Optional.empty();
    }
    int r = Integer.parseInt(m.group(2));
    return TensorFamily.ofPrefix(m.group(1))
        .filter(TensorFamily::perResolution)
        .filter(f -> r > 0)
        .map(f -> new TensorName(f, r));
  }

  /**
   * @throws IllegalArgumentException naming the families when {@code name} is not a tensor name
   */
  public static TensorName parse(String name) {
    return tryParse(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "'"
                        + name
                        + "' is not a tensor of the attention file (family_r with family one of"
                        + " ca_mean, ca_maxnorm, ca_layers, cpa_mean, sa_mean, sa_maxnorm,"
                        + " sa_first, ovam; or pcc_features)"));
  }

  /** Parses every name; sorted. */
  public static SortedSet<TensorName> parseAll(Collection<String> names) {
    SortedSet<TensorName> out = new TreeSet<>();
    names.forEach(n -> out.add(parse(n)));
    return out;
  }

  /** The names as the file spells them, in order. */
  public static List<String> spell(Collection<TensorName> names) {
    return names.stream().map(TensorName::toString).toList();
  }

  @Override
  public String toString() {
    return family.perResolution() ? family.prefix() + "_" + resolution : family.prefix();
  }

  /** By spelled name, so sorted sets iterate in the file's tensor order. */
  @Override
  public int compareTo(TensorName o) {
    return toString().compareTo(o.toString());
  }
}
