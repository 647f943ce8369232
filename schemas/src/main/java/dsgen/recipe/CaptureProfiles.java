package dsgen.recipe;

import java.util.Collection;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which attention tensors (ALGORITHMS.md A2) a worker captures. A profile is "default" (what the
 * default recipe of every method reads), "full" (every tensor of A2) or an explicit comma-separated
 * tensor list.
 */
public final class CaptureProfiles {
  public static final String DEFAULT = "default";
  public static final String FULL = "full";

  /** Tensor families that exist at every attention resolution r. */
  private static final List<String> PER_RESOLUTION =
      List.of("ca_mean", "ca_maxnorm", "ca_layers", "sa_mean", "sa_maxnorm", "cpa_mean");

  private static final Pattern RESOLVED =
      Pattern.compile(
          "(ca_mean|ca_maxnorm|ca_layers|sa_mean|sa_maxnorm|sa_first|cpa_mean|ovam)_(\\d+)");

  private CaptureProfiles() {}

  /**
   * Tensors of a profile for a model with these attention resolutions (top resolution R = the
   * largest).
   *
   * @throws IllegalArgumentException for an unknown tensor name or a resolution the model lacks
   */
  public static SortedSet<String> tensorsFor(String profile, List<Integer> resolutions) {
    if (resolutions == null || resolutions.isEmpty()) {
      throw new IllegalArgumentException(
          "capture profile " + profile + ": the model's resolutions are unknown");
    }
    int top = resolutions.stream().mapToInt(Integer::intValue).max().orElseThrow();
    String p = profile == null ? "" : profile.trim();
    if (p.isEmpty() || p.equals(DEFAULT)) {
      SortedSet<String> out = new TreeSet<>();
      Recipes.methods().forEach(m -> out.addAll(Recipes.defaults(m, top).requiredTensors(top)));
      return out;
    }
    if (p.equals(FULL)) {
      return full(resolutions, top);
    }
    return explicit(p, resolutions, top);
  }

  /**
   * The union of the tensors the given recipes read (how a job derives its profile from its
   * recipes).
   */
  public static SortedSet<String> tensorsFor(Collection<Recipe> recipes, int topResolution) {
    SortedSet<String> out = new TreeSet<>();
    recipes.forEach(r -> out.addAll(r.requiredTensors(topResolution)));
    return out;
  }

  /** The profile string naming exactly these tensors. */
  public static String explicitProfile(Collection<String> tensors) {
    return String.join(",", new TreeSet<>(tensors));
  }

  /**
   * Every A2 tensor. {@code sa_first_r} exists only where the UNet has up-block self-attention:
   * every resolution but R/8, which only the mid block has.
   */
  private static SortedSet<String> full(List<Integer> resolutions, int top) {
    SortedSet<String> out = new TreeSet<>();
    for (int r : resolutions) {
      PER_RESOLUTION.forEach(f -> out.add(f + "_" + r));
      if (r >= top / 4) {
        out.add("sa_first_" + r);
      }
    }
    out.add("ovam_" + top);
    out.add("pcc_features");
    return out;
  }

  private static SortedSet<String> explicit(String profile, List<Integer> resolutions, int top) {
    SortedSet<String> out = new TreeSet<>();
    SortedSet<String> known = full(resolutions, top);
    for (String item : profile.split(",")) {
      String name = item.trim();
      if (name.isEmpty()) {
        continue;
      }
      if (!known.contains(name)) {
        throw new IllegalArgumentException(
            "capture profile: unknown tensor '"
                + name
                + "' "
                + why(name, resolutions)
                + " (profiles: default, full, or a comma-separated list of tensors of ALGORITHMS.md A2)");
      }
      out.add(name);
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("capture profile '" + profile + "' names no tensor");
    }
    return out;
  }

  private static String why(String name, List<Integer> resolutions) {
    Matcher m = RESOLVED.matcher(name);
    if (m.matches()) {
      return "(the model has attention at "
          + resolutions
          + "; sa_first needs an up-block, ovam the top resolution)";
    }
    return "(not a tensor of the attention file)";
  }
}
