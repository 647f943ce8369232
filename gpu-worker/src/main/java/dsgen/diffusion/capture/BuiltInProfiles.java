package dsgen.diffusion.capture;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The capture profiles of ALGORITHMS.md A3: {@code default} = the inputs of every default recipe (seediff,
 * seediff-code, dataset-diffusion, diffumask, pcc) at R = the top resolution; {@code full} = every tensor family at
 * every resolution; {@code none} (or empty) = nothing; anything else is a comma-separated list of tensor names.
 * Names a model cannot produce are filtered by the capture ({@code full}) or rejected (explicit lists).
 */
public final class BuiltInProfiles implements TensorCatalogue {
  public static final String DEFAULT = "default";
  public static final String FULL = "full";
  public static final String NONE = "none";

  @Override
  public Set<String> tensorsFor(String profile, List<Integer> resolutions) {
    String p = profile == null ? "" : profile.strip();
    int top = resolutions.get(0);
    Set<String> out = new LinkedHashSet<>();
    switch (p) {
      case "", NONE -> { }
      case FULL -> {
        for (int r : resolutions) {
          AttentionTensors.PER_RESOLUTION.forEach(f -> out.add(f + "_" + r));
        }
        out.add(AttentionTensors.OVAM + "_" + top);
        out.add(AttentionTensors.PCC);
      }
      case DEFAULT -> {
        int quarter = top / 4;
        int half = top / 2;
        out.add("ca_maxnorm_" + quarter);                                    // seediff
        List.of(quarter, half, top).forEach(r -> out.add("sa_maxnorm_" + r));
        out.add("ca_layers_" + quarter);                                     // seediff-code
        List.of(quarter, half, top).forEach(r -> out.add("sa_first_" + r));
        out.add("cpa_mean_" + quarter);                                      // dataset-diffusion
        out.add("sa_mean_" + half);
        List.of(quarter, half, top).forEach(r -> out.add("ca_mean_" + r));   // diffumask, fallback
        out.add(AttentionTensors.OVAM + "_" + top);                          // pcc
        out.add(AttentionTensors.PCC);
      }
      default -> {
        for (String name : p.split(",")) {
          if (!name.isBlank()) {
            out.add(name.strip());
          }
        }
      }
    }
    return out;
  }
}
