package dsgen.recipe;

import static dsgen.attention.TensorFamily.CA_LAYERS;
import static dsgen.attention.TensorFamily.CA_MAXNORM;
import static dsgen.attention.TensorFamily.CA_MEAN;
import static dsgen.attention.TensorFamily.CPA_MEAN;
import static dsgen.attention.TensorFamily.OVAM;
import static dsgen.attention.TensorFamily.SA_FIRST;
import static dsgen.attention.TensorFamily.SA_MAXNORM;
import static dsgen.attention.TensorFamily.SA_MEAN;

import dsgen.attention.TensorFamily;
import dsgen.attention.TensorName;
import dsgen.records.GenerationParams;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which attention tensors a worker captures: the one place a capture profile becomes a tensor list.
 * A profile is {@code default} (what the default recipe of every method reads), {@code full} (every
 * tensor of the attention file), {@code replayable} (every tensor any method can read within its
 * documented parameter ranges), {@code none}, or an explicit comma-separated tensor list. The
 * producer resolves a job's profile once into {@code GenerationParams.captureTensors}; the worker
 * and the mask stage read that list ({@link #captureTensors}).
 */
public final class CaptureProfiles {
  public static final String DEFAULT = "default";
  public static final String FULL = "full";
  public static final String REPLAYABLE = "replayable";
  public static final String NONE = "none";

  /** Families that exist at every attention resolution r. */
  private static final List<TensorFamily> EVERY_RESOLUTION =
      List.of(CA_MEAN, CA_MAXNORM, CA_LAYERS, SA_MEAN, SA_MAXNORM, CPA_MEAN);

  private CaptureProfiles() {}

  /** Whether the profile is one of the named profiles (not an explicit tensor list). */
  public static boolean isNamed(String profile) {
    String p = profile == null ? "" : profile.strip();
    return p.isEmpty() || List.of(DEFAULT, FULL, REPLAYABLE, NONE).contains(p);
  }

  /**
   * Tensors of a profile for a model with these attention resolutions (top resolution R = the
   * largest).
   *
   * @throws IllegalArgumentException for an unknown tensor name or a resolution the model lacks
   */
  public static SortedSet<TensorName> tensorsFor(String profile, List<Integer> resolutions) {
    if (resolutions == null || resolutions.isEmpty()) {
      throw new IllegalArgumentException(
          "capture profile " + profile + ": the model's resolutions are unknown");
    }
    int top = resolutions.stream().mapToInt(Integer::intValue).max().orElseThrow();
    String p = profile == null ? "" : profile.strip();
    return switch (p) {
      case "", DEFAULT -> defaults(top);
      case FULL -> full(resolutions, top);
      case REPLAYABLE -> replayable(resolutions, top);
      case NONE -> new TreeSet<>();
      default -> explicit(p, resolutions, top);
    };
  }

  /**
   * The tensors a task's worker captures: {@code params.captureTensors} as the producer resolved
   * it, or, for a task written before that field existed (empty list), its {@code captureProfile}
   * (or {@code fallbackProfile} when that is empty too) resolved for the task's image size.
   *
   * @throws IllegalArgumentException naming the bad tensor or profile
   */
  public static SortedSet<TensorName> captureTensors(
      GenerationParams params, String fallbackProfile) {
    String own = params.getCaptureProfile();
    String profile = own == null || own.isBlank() ? fallbackProfile : own;
    if (params.getCaptureTensors().isEmpty() && NONE.equals(profile.strip())) {
      return new TreeSet<>();
    }
    List<Integer> resolutions = Resolutions.available(params.getWidth() / 8);
    if (!params.getCaptureTensors().isEmpty()) {
      return checked(TensorName.parseAll(params.getCaptureTensors()), resolutions);
    }
    return tensorsFor(profile, resolutions);
  }

  /**
   * The union of the tensors the given recipes read (how a job derives its profile from its
   * recipes).
   */
  public static SortedSet<TensorName> tensorsFor(Collection<Recipe> recipes, int topResolution) {
    SortedSet<TensorName> out = new TreeSet<>();
    recipes.forEach(r -> out.addAll(r.requiredTensors(topResolution)));
    return out;
  }

  /** The profile string naming exactly these tensors. */
  public static String explicitProfile(Collection<TensorName> tensors) {
    return String.join(",", TensorName.spell(new TreeSet<>(tensors)));
  }

  private static SortedSet<TensorName> defaults(int top) {
    SortedSet<TensorName> out = new TreeSet<>();
    Recipes.methods().forEach(m -> out.addAll(Recipes.defaults(m, top).requiredTensors(top)));
    return out;
  }

  /**
   * Every tensor a recipe of any method can read when one resolution parameter takes any value its
   * range allows (the other parameters at their defaults): what a replay of any recipe over the
   * generation needs. Tensors the UNet cannot produce (a first up-block layer at R/8) are left out.
   */
  private static SortedSet<TensorName> replayable(List<Integer> resolutions, int top) {
    SortedSet<TensorName> producible = full(resolutions, top);
    SortedSet<TensorName> out = defaults(top);
    for (String method : Recipes.methods()) {
      for (ParamSpec p : Recipes.spec(method).params()) {
        if (!p.resolution()) {
          continue;
        }
        for (int r : resolutions) {
          withResolution(method, p, r, top).ifPresent(rec -> out.addAll(rec.requiredTensors(top)));
        }
      }
    }
    out.retainAll(producible);
    return out;
  }

  private static Optional<Recipe> withResolution(String method, ParamSpec p, int r, int top) {
    try {
      return Optional.of(Recipes.resolve(method, Map.of(p.name(), Integer.toString(r)), top));
    } catch (InvalidRecipeException e) {
      return Optional.empty();
    }
  }

  /**
   * Every tensor of the attention file. {@code sa_first_r} exists only where the UNet has up-block
   * self-attention: every resolution but R/8, which only the mid block has.
   */
  private static SortedSet<TensorName> full(List<Integer> resolutions, int top) {
    SortedSet<TensorName> out = new TreeSet<>();
    for (int r : resolutions) {
      EVERY_RESOLUTION.forEach(f -> out.add(TensorName.of(f, r)));
      if (r >= top / 4) {
        out.add(TensorName.of(SA_FIRST, r));
      }
    }
    out.add(TensorName.of(OVAM, top));
    out.add(TensorName.pccFeatures());
    return out;
  }

  private static SortedSet<TensorName> explicit(
      String profile, List<Integer> resolutions, int top) {
    SortedSet<TensorName> out = new TreeSet<>();
    for (String item : profile.split(",")) {
      String name = item.strip();
      if (!name.isEmpty()) {
        out.add(parse(name, resolutions));
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("capture profile '" + profile + "' names no tensor");
    }
    return checked(out, resolutions);
  }

  private static TensorName parse(String name, List<Integer> resolutions) {
    return TensorName.tryParse(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "capture profile: unknown tensor '"
                        + name
                        + "' (not a tensor of the attention file; profiles: default, full,"
                        + " replayable, none, or a comma-separated list of tensors)"));
  }

  /** Every name must be a tensor this model produces. */
  private static SortedSet<TensorName> checked(
      SortedSet<TensorName> names, List<Integer> resolutions) {
    int top = resolutions.stream().mapToInt(Integer::intValue).max().orElseThrow();
    SortedSet<TensorName> known = full(resolutions, top);
    for (TensorName n : names) {
      if (!known.contains(n)) {
        throw new IllegalArgumentException(
            "capture profile: unknown tensor '"
                + n
                + "' (the model has attention at "
                + resolutions
                + "; sa_first needs an up-block, ovam the top resolution)");
      }
    }
    return names;
  }
}
