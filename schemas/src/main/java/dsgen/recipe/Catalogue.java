package dsgen.recipe;

import static dsgen.recipe.ParamSpec.flag;
import static dsgen.recipe.ParamSpec.number;
import static dsgen.recipe.ParamSpec.resolution;
import static dsgen.recipe.ParamSpec.resolutions;

import dsgen.attention.TensorFamily;
import dsgen.attention.TensorName;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The five mask methods of docs/algorithms.md#recipes with their parameters and defaults relative
 * to R.
 */
final class Catalogue {
  private static final double NO_MAX = Double.MAX_VALUE;
  static final int MAX_PAMR_ITERS = 100_000;
  static final int MAX_TAU = 64;

  // declared before the static block below, which reads it while building the entries
  private static final Function<Map<String, Object>, Optional<InvalidRecipeException>>
      NO_CROSS_CHECK = p -> Optional.empty();
  private static final Map<String, MethodSpec> METHODS = new LinkedHashMap<>();

  static {
    add(seeDiffPaper());
    add(seeDiffCode());
    add(datasetDiffusion());
    add(diffuMask());
    add(pcc());
  }

  private Catalogue() {}

  private static void add(MethodSpec spec) {
    METHODS.put(spec.name(), spec);
  }

  static Map<String, MethodSpec> methods() {
    return METHODS;
  }

  private static List<Integer> thirds(int r) {
    return List.of(r / 4, r / 2, r);
  }

  @SuppressWarnings("unchecked")
  static List<Integer> ints(Object value) {
    return (List<Integer>) value;
  }

  private static ParamSpec probability(String name, String description, double defaultValue) {
    return number(name, ParamType.FLOAT, description, r -> defaultValue, 0, true, 1, true);
  }

  private static ParamSpec pamrIters(int defaultValue) {
    return number(
        "pamr-iters",
        ParamType.INT,
        "PAMR iterations",
        r -> defaultValue,
        1,
        true,
        MAX_PAMR_ITERS,
        true);
  }

  private static ParamSpec pamrDilations(List<Integer> defaultValue) {
    return new ParamSpec(
        "pamr-dilations",
        ParamType.INT_LIST,
        "PAMR dilations (pixels at the image size)",
        r -> defaultValue,
        1,
        true,
        1024,
        true,
        false,
        false);
  }

  private static ParamSpec pamrStdFactor(double defaultValue) {
    return number(
        "pamr-std-factor",
        ParamType.FLOAT,
        "PAMR affinity scale: factor on the local standard deviation",
        r -> defaultValue,
        0,
        false,
        NO_MAX,
        true);
  }

  /** SeeDiff as the paper describes it (docs/algorithms.md#seediff). */
  private static MethodSpec seeDiffPaper() {
    return new Method(
        "seediff",
        "SeeDiff as in the paper: cross-attention seeds expanded through self-attention, coarse to fine",
        List.of(
            resolutions(
                "res",
                "resolutions of the coarse-to-fine stages; the first seeds from cross-attention",
                Catalogue::thirds),
            probability("alpha", "seed threshold on max-normalised maps", 0.5),
            probability("beta", "final threshold on the soft map", 0.3),
            flag("background", "background refinement at the last stage", true),
            flag("pamr", "PAMR refinement of the soft map with the image", true),
            pamrIters(10),
            pamrDilations(List.of(1, 2, 4, 8, 12, 24)),
            pamrStdFactor(0.1)),
        (p, topResolution) ->
            stagedTensors(TensorFamily.CA_MAXNORM, TensorFamily.SA_MAXNORM, ints(p.get("res"))),
        NO_CROSS_CHECK);
  }

  /** SeeDiff as the official code runs it (docs/algorithms.md#seediff-code). */
  private static MethodSpec seeDiffCode() {
    return new Method(
        "seediff-code",
        "SeeDiff as the official code runs it: Otsu seeds, cosine expansion, bicubic, PAMR on the binary mask",
        List.of(
            resolutions(
                "res",
                "resolutions of the stages; the first seeds with Otsu, later ones refine the background",
                Catalogue::thirds),
            probability(
                "beta", "threshold on the final stage map that gives PAMR its binary mask", 0.3),
            flag("pamr", "PAMR refinement of the binary mask with the image", true),
            pamrIters(5000),
            pamrDilations(List.of(1)),
            pamrStdFactor(0.2),
            probability("pamr-thresh", "threshold on the min-max normalised PAMR output", 0.8)),
        (p, topResolution) ->
            stagedTensors(TensorFamily.CA_LAYERS, TensorFamily.SA_FIRST, ints(p.get("res"))),
        NO_CROSS_CHECK);
  }

  /**
   * Dataset Diffusion (docs/algorithms.md#dataset-diffusion). The class-prompt attention is read
   * when the generation has a class prompt, the prompt's own cross-attention otherwise; a capture
   * needs both so either case runs.
   */
  private static MethodSpec datasetDiffusion() {
    return new Method(
        "dataset-diffusion",
        "Dataset Diffusion: class-prompt cross-attention propagated by self-attention to the power tau",
        List.of(
            resolution("cross-res", "resolution of the class-prompt cross-attention", r -> r / 4),
            resolution(
                "self-res", "resolution of the self-attention that is exponentiated", r -> r / 2),
            number("tau", ParamType.INT, "self-attention exponent", r -> 4, 0, true, MAX_TAU, true),
            probability("threshold", "a class owns pixels whose normalised map reaches this", 0.6),
            probability(
                "uncertainty", "pixels between this and the threshold are ignored (255)", 0.5)),
        (p, topResolution) ->
            new TreeSet<>(
                List.of(
                    TensorName.of(TensorFamily.CPA_MEAN, (Integer) p.get("cross-res")),
                    TensorName.of(TensorFamily.CA_MEAN, (Integer) p.get("cross-res")),
                    TensorName.of(TensorFamily.SA_MEAN, (Integer) p.get("self-res")))),
        Catalogue::uncertaintyBelowThreshold);
  }

  private static Optional<InvalidRecipeException> uncertaintyBelowThreshold(Map<String, Object> p) {
    double threshold = (Double) p.get("threshold");
    double uncertainty = (Double) p.get("uncertainty");
    if (uncertainty > threshold) {
      return Optional.of(
          new InvalidRecipeException(
              "dataset-diffusion",
              "uncertainty",
              "recipe dataset-diffusion: uncertainty "
                  + CanonicalJson.number(uncertainty)
                  + " is above threshold "
                  + CanonicalJson.number(threshold)
                  + " (pixels in [uncertainty, threshold) are ignored)"));
    }
    return Optional.empty();
  }

  /** DiffuMask's cross-attention baseline (docs/algorithms.md#diffumask). */
  private static MethodSpec diffuMask() {
    return new Method(
        "diffumask",
        "DiffuMask cross-attention baseline: max-normalised cross-attention averaged over resolutions",
        List.of(
            resolutions("res", "resolutions whose cross-attention is averaged", Catalogue::thirds),
            probability("threshold", "threshold on the averaged max-normalised map", 0.5)),
        (p, topResolution) -> {
          SortedSet<TensorName> out = new TreeSet<>();
          ints(p.get("res")).forEach(r -> out.add(TensorName.of(TensorFamily.CA_MEAN, r)));
          return out;
        },
        NO_CROSS_CHECK);
  }

  /** Principal Component Clustering (docs/algorithms.md#pcc). */
  private static MethodSpec pcc() {
    return new Method(
        "pcc",
        "Principal Component Clustering: self-attention feature clusters classified with OVAM maps",
        List.of(
            new ParamSpec(
                "clusters",
                ParamType.INT_LIST,
                "k-means cluster counts of the voting",
                r -> List.of(4, 7, 10),
                1,
                true,
                4096,
                true,
                false,
                false),
            new ParamSpec(
                "confidences",
                ParamType.FLOAT_LIST,
                "activation thresholds of the voting",
                r -> List.of(0.3, 0.5, 0.8),
                0,
                false,
                1,
                false,
                false,
                false),
            number(
                "bg-factor",
                ParamType.FLOAT,
                "the background threshold is this factor times the confidence",
                r -> 1.2,
                0,
                false,
                NO_MAX,
                true),
            number(
                "agreement",
                ParamType.FLOAT,
                "fraction of votes a label needs, else the pixel is ignored (255)",
                r -> 0.56,
                0,
                false,
                1,
                true),
            flag("refine", "refine the blocky labels with image clusters", true),
            number(
                "refine-clusters",
                ParamType.INT,
                "k-means clusters of the image refinement",
                r -> 20,
                1,
                true,
                4096,
                true),
            number(
                "refine-min-px",
                ParamType.INT,
                "image components smaller than this join the leftover cluster",
                r -> 10,
                0,
                true,
                Integer.MAX_VALUE,
                true)),
        (p, topResolution) ->
            new TreeSet<>(
                List.of(TensorName.pccFeatures(), TensorName.of(TensorFamily.OVAM, topResolution))),
        NO_CROSS_CHECK);
  }

  /**
   * Cross-attention of the first stage plus self-attention of every stage, as both SeeDiff variants
   * read.
   */
  private static SortedSet<TensorName> stagedTensors(
      TensorFamily cross, TensorFamily self, List<Integer> res) {
    SortedSet<TensorName> out = new TreeSet<>();
    out.add(TensorName.of(cross, res.get(0)));
    res.forEach(r -> out.add(TensorName.of(self, r)));
    return out;
  }

  /** Which tensors a recipe reads, from its resolved parameters and the model's top resolution. */
  private interface TensorRule {
    SortedSet<TensorName> tensors(Map<String, Object> params, int topResolution);
  }

  /**
   * One catalogue entry: the methods differ only in data, so they share this one implementation.
   */
  private record Method(
      String name,
      String description,
      List<ParamSpec> params,
      TensorRule tensorRule,
      Function<Map<String, Object>, Optional<InvalidRecipeException>> crossRule)
      implements MethodSpec {

    @Override
    public SortedSet<TensorName> requiredTensors(Map<String, Object> params, int topResolution) {
      return tensorRule.tensors(params, topResolution);
    }

    @Override
    public Optional<InvalidRecipeException> crossCheck(Map<String, Object> params) {
      return crossRule.apply(params);
    }
  }
}
