package dsgen.producer.gallery;

import dsgen.dataset.VocPalette;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * A dataset mask (palette PNG, index = label id) as a see-through overlay: background is
 * transparent, every other label opaque in its VOC colour, so the page lays it over the image and
 * sets the opacity itself.
 */
public final class MaskOverlay {
  private MaskOverlay() {}

  /**
   * @throws IllegalArgumentException when the bytes are not a single-channel PNG
   */
  public static byte[] render(byte[] maskPng) {
    BufferedImage mask;
    try {
      mask = ImageIO.read(new ByteArrayInputStream(maskPng));
    } catch (IOException e) {
      throw new IllegalArgumentException("the mask is not a readable PNG: " + e.getMessage(), e);
    }
    if (mask == null || mask.getRaster().getNumBands() != 1) {
      throw new IllegalArgumentException("the mask is not a single-channel (palette) PNG");
    }
    int w = mask.getWidth();
    int h = mask.getHeight();
    Raster labels = mask.getRaster();
    int[] argb = new int[w * h];
    int[] row = new int[w];
    for (int y = 0; y < h; y++) {
      labels.getSamples(0, y, w, 1, 0, row);
      for (int x = 0; x < w; x++) {
        argb[y * w + x] = row[x] == 0 ? 0 : 0xFF000000 | VocPalette.rgb(row[x]);
      }
    }
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
    out.setRGB(0, 0, w, h, argb, 0, w);
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    try {
      ImageIO.write(out, "png", png);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode the overlay PNG", e);
    }
    return png.toByteArray();
  }
}
