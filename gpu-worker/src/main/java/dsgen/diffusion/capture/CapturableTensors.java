package dsgen.diffusion.capture;

import dsgen.attention.TensorFamily;
import dsgen.attention.TensorName;
import dsgen.diffusion.attention.AttentionLayer;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/** Which tensors of the attention file a model can produce at a given latent size. */
public final class CapturableTensors {
  private CapturableTensors() {}

  /** Distinct attention resolutions of the model at this latent side, largest first. */
  public static List<Integer> resolutions(List<AttentionLayer> layers, int latentSide) {
    TreeSet<Integer> rs = new TreeSet<>();
    layers.forEach(l -> rs.add(l.resolution(latentSide)));
    return new ArrayList<>(rs.descendingSet());
  }

  /** Every tensor this model can capture at this latent side. */
  public static SortedSet<TensorName> available(List<AttentionLayer> layers, int latentSide) {
    SortedSet<TensorName> out = new TreeSet<>();
    List<Integer> rs = resolutions(layers, latentSide);
    for (int r : rs) {
      for (TensorFamily family : TensorFamily.values()) {
        if (family.perResolution()
            && !family.topOnly()
            && (family != TensorFamily.SA_FIRST
                || firstUpSelfLayer(layers, latentSide, r) != null)) {
          out.add(TensorName.of(family, r));
        }
      }
    }
    boolean hasUpSelf =
        layers.stream().anyMatch(l -> !l.cross() && l.part() == AttentionLayer.Part.UP);
    boolean hasOvamLayers =
        layers.stream().anyMatch(l -> l.cross() && l.part() != AttentionLayer.Part.MID);
    if (hasOvamLayers) {
      out.add(TensorName.of(TensorFamily.OVAM, rs.get(0)));
    }
    if (hasUpSelf) {
      out.add(TensorName.pccFeatures());
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
}
