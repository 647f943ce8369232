package dsgen.masks;

import java.util.Map;

/**
 * What a mask method produces, at the image size.
 *
 * @param soft per class (metadata order) the map the method's final threshold is applied to,
 *     row-major [H*W]
 * @param labels label id per pixel (unsigned byte): 0 background, a class label, 255 ignore
 * @param extraLabelMaps further label maps of the same encoding, e.g. "labels_blocky" for pcc
 */
public record MaskResult(
    int width, int height, float[][] soft, byte[] labels, Map<String, byte[]> extraLabelMaps) {
  public static final int BACKGROUND = 0;
  public static final int IGNORE = 255;

  public MaskResult {
    int n = Math.multiplyExact(width, height);
    if (labels.length != n) {
      throw new IllegalArgumentException(
          "labels hold " + labels.length + " pixels, expected " + width + "x" + height);
    }
    for (int c = 0; c < soft.length; c++) {
      if (soft[c].length != n) {
        throw new IllegalArgumentException(
            "soft map " + c + " holds " + soft[c].length + " pixels, expected " + n);
      }
    }
    extraLabelMaps = Map.copyOf(extraLabelMaps);
    extraLabelMaps.forEach(
        (k, v) -> {
          if (v.length != n) {
            throw new IllegalArgumentException(
                "label map " + k + " holds " + v.length + " pixels, expected " + n);
          }
        });
  }

  public MaskResult(int width, int height, float[][] soft, byte[] labels) {
    this(width, height, soft, labels, Map.of());
  }

  public int classes() {
    return soft.length;
  }

  /** Label id at (x, y), 0..255. */
  public int label(int x, int y) {
    return labels[y * width + x] & 0xFF;
  }
}
