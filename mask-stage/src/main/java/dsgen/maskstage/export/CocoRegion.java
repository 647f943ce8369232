package dsgen.maskstage.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One COCO annotation of an image: all pixels of one label. A dsgen mask is semantic (it says which
 * class a pixel shows, not which object), so an image gets one annotation per class present, as
 * COCO-Stuff annotates its classes, rather than one per connected component, which would invent
 * object boundaries the mask does not have (two touching cats are one component, a cat cut by a
 * fence is two).
 *
 * @param label the label id, which is the COCO category id
 * @param crowd {@code iscrowd}: true only for the ignore band
 */
public record CocoRegion(int label, boolean crowd, CocoRle rle) {

  public static final int BACKGROUND = 0;
  public static final int IGNORE = 255;

  /**
   * The annotations of one label map: one per label other than background (which COCO leaves
   * unannotated), the ignore band as a crowd region or not at all.
   */
  public static List<CocoRegion> of(int[] labels, int width, int height, IgnoreBand ignoreBand) {
    List<CocoRegion> out = new ArrayList<>();
    for (Map.Entry<Integer, CocoRle> e : CocoRle.perLabel(labels, width, height).entrySet()) {
      int label = e.getKey();
      if (label == BACKGROUND || (label == IGNORE && ignoreBand == IgnoreBand.OMIT)) {
        continue;
      }
      out.add(new CocoRegion(label, label == IGNORE, e.getValue()));
    }
    return out;
  }
}
