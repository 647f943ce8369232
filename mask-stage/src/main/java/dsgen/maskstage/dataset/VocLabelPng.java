package dsgen.maskstage.dataset;

import dsgen.masks.io.LabelPng;

/**
 * Label maps as 8-bit palette PNGs with the Pascal VOC colour map (pixel value = label id, 0
 * background, 255 ignore), written by the mask library's encoder, so the stage's masks are
 * byte-identical to {@code ./dsgen masks}.
 */
public final class VocLabelPng implements LabelPngEncoder {

  @Override
  public byte[] encode(int width, int height, byte[] labels) {
    return LabelPng.encode(labels, width, height);
  }

  @Override
  public int[] colour(int label) {
    int rgb = LabelPng.colour(label);
    return new int[] {(rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF};
  }
}
