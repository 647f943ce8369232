package dsgen.maskstage.dataset;

import dsgen.records.ClassEntry;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Share of the pixels of a label map per class name, plus {@code background} (0) and {@code ignore}
 * (255).
 */
public final class ClassFractions {

  public static final String BACKGROUND = "background";
  public static final String IGNORE = "ignore";

  private ClassFractions() {}

  /**
   * @param labels label map, one unsigned byte per pixel
   * @param classes the image's classes; a label id none of them carries is reported as {@code
   *     label-<id>} rather than dropped, so the fractions always sum to one
   */
  public static Map<String, Double> of(byte[] labels, List<ClassEntry> classes) {
    if (labels.length == 0) {
      throw new IllegalArgumentException("label map is empty");
    }
    long[] counts = new long[256];
    for (byte b : labels) {
      counts[b & 0xFF]++;
    }
    String[] names = new String[256];
    names[0] = BACKGROUND;
    names[255] = IGNORE;
    for (ClassEntry c : classes) {
      names[c.getLabel()] = c.getName();
    }
    Map<String, Double> fractions = new TreeMap<>();
    fractions.put(BACKGROUND, 0.0);
    fractions.put(IGNORE, 0.0);
    for (ClassEntry c : classes) {
      fractions.put(c.getName(), 0.0);
    }
    for (int id = 0; id < 256; id++) {
      if (counts[id] > 0) {
        String name = names[id] != null ? names[id] : "label-" + id;
        fractions.merge(name, (double) counts[id] / labels.length, Double::sum);
      }
    }
    return fractions;
  }
}
