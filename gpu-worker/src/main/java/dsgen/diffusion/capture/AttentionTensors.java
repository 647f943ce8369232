package dsgen.diffusion.capture;

import dsgen.diffusion.attention.AttentionLayer;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tensor names of the attention file ({@code dsgen-attention/1}, ALGORITHMS.md A2) and which of
 * them a model can produce at a given latent size.
 */
public final class AttentionTensors {
  /** Families with one tensor per attention resolution r: {@code <family>_<r>}. */
  public static final List<String> PER_RESOLUTION =
      List.of(
          "ca_mean", "ca_maxnorm", "ca_layers", "sa_mean", "sa_maxnorm", "sa_first", "cpa_mean");

  public static final String OVAM = "ovam";
  public static final String PCC = "pcc_features";

  private static final Pattern NAME = Pattern.compile("([a-z_]+?)_(\\d+)");

  private AttentionTensors() {}

  /** Distinct attention resolutions of the model at this latent side, largest first. */
  public static List<Integer> resolutions(List<AttentionLayer> layers, int latentSide) {
    TreeSet<Integer> rs = new TreeSet<>();
    layers.forEach(l -> rs.add(l.resolution(latentSide)));
    return new ArrayList<>(rs.descendingSet());
  }

  /** Every tensor name this model can capture at this latent side. */
  public static SortedSet<String> available(List<AttentionLayer> layers, int latentSide) {
    SortedSet<String> out = new TreeSet<>();
    List<Integer> rs = resolutions(layers, latentSide);
    for (int r : rs) {
      for (String family : PER_RESOLUTION) {
        if (!family.equals("sa_first") || firstUpSelfLayer(layers, latentSide, r) != null) {
          out.add(family + "_" + r);
        }
      }
    }
    boolean hasUpSelf =
        layers.stream().anyMatch(l -> !l.cross() && l.part() == AttentionLayer.Part.UP);
    boolean hasOvamLayers =
        layers.stream().anyMatch(l -> l.cross() && l.part() != AttentionLayer.Part.MID);
    if (hasOvamLayers) {
      out.add(OVAM + "_" + rs.get(0));
    }
    if (hasUpSelf) {
      out.add(PCC);
    }
    return out;
  }

  /** The first up-block self-attention layer at resolution r (execution order), or null. */
  static AttentionLayer firstUpSelfLayer(List<AttentionLayer> layers, int latentSide, int r) {
    return layers.stream()
        .filter(
            l -> !l.cross() && l.part() == AttentionLayer.Part.UP && l.resolution(latentSide) == r)
        .findFirst()
        .orElse(null);
  }

  /**
   * {family, resolution} of a per-resolution name or {@code ovam_R}; null for {@code pcc_features}.
   */
  static String[] split(String name) {
    Matcher m = NAME.matcher(name);
    return m.matches() ? new String[] {m.group(1), m.group(2)} : null;
  }
}
