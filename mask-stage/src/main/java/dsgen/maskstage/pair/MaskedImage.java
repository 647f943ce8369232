package dsgen.maskstage.pair;

import dsgen.maskstage.dataset.JpegEncoder;

/**
 * The outcome of a recipe on one generation: its label map and soft maps at image size, and the
 * decoded image the dataset's JPEG is encoded from (so the PNG is decoded only once).
 *
 * @param labels one unsigned byte per pixel, row-major: 0 background, a class label id, or 255
 *     ignore
 * @param soft per class (metadata order) the map the recipe's final threshold was applied to,
 *     [C][H*W]
 */
public record MaskedImage(
    int width, int height, byte[] labels, float[][] soft, JpegEncoder.Pixels pixels) {

  public MaskedImage {
    if (labels.length != width * height) {
      throw new IllegalArgumentException(
          "label map has " + labels.length + " pixels, image is " + width + "x" + height);
    }
  }
}
