package dsgen.maskstage.dataset;

/**
 * Writes label maps as 8-bit palette PNGs (pixel value = label id) and tells the palette's colours.
 */
public interface LabelPngEncoder {

  /**
   * @param labels one unsigned byte per pixel, row-major
   */
  byte[] encode(int width, int height, byte[] labels);

  /** RGB of a label id in the palette. */
  int[] colour(int label);
}
