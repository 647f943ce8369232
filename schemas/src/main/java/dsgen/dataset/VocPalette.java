package dsgen.dataset;

import java.awt.image.IndexColorModel;

/**
 * The PASCAL VOC colour map that dataset masks are written with (a pixel's palette index is its
 * label id: 0 background, 255 ignore). The mask stage writes masks with it and the producer's
 * gallery draws overlays and legends with it, so both show a label in the same colour.
 */
public final class VocPalette {
  private static final byte[][] CHANNELS = channels();

  private VocPalette() {}

  /** The colour of a label id (0..255) as 0xRRGGBB. */
  public static int rgb(int label) {
    if (label < 0 || label > 255) {
      throw new IllegalArgumentException("label id " + label + " is outside 0..255");
    }
    return ((CHANNELS[0][label] & 0xFF) << 16)
        | ((CHANNELS[1][label] & 0xFF) << 8)
        | (CHANNELS[2][label] & 0xFF);
  }

  /** The colour of a label id as {@code #rrggbb}. */
  public static String hex(int label) {
    return String.format("#%06x", rgb(label));
  }

  /** An 8-bit colour model of the 256 entries, for palette PNGs. */
  public static IndexColorModel colourModel() {
    return new IndexColorModel(8, 256, CHANNELS[0], CHANNELS[1], CHANNELS[2]);
  }

  /** The bits of the label id spread over the high bits of R, G and B, three at a time. */
  private static byte[][] channels() {
    byte[][] p = new byte[3][256];
    for (int i = 0; i < 256; i++) {
      int r = 0;
      int g = 0;
      int b = 0;
      int c = i;
      for (int j = 0; j < 8; j++) {
        r |= (c & 1) << (7 - j);
        g |= ((c >> 1) & 1) << (7 - j);
        b |= ((c >> 2) & 1) << (7 - j);
        c >>= 3;
      }
      p[0][i] = (byte) r;
      p[1][i] = (byte) g;
      p[2][i] = (byte) b;
    }
    return p;
  }
}
