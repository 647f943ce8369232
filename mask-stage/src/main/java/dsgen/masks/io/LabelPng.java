package dsgen.masks.io;

import dsgen.dataset.VocPalette;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * Label maps as 8-bit palette PNGs with the PASCAL VOC palette: a pixel's value is its label id (0
 * background, 255 ignore), so any reader that takes palette indices gets the labels back.
 */
public final class LabelPng {
  private LabelPng() {}

  /** The VOC colour of a label id as 0xRRGGBB. */
  public static int colour(int label) {
    return VocPalette.rgb(label);
  }

  public static byte[] encode(byte[] labels, int width, int height) {
    IndexColorModel palette = VocPalette.colourModel();
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED, palette);
    img.getRaster().setDataElements(0, 0, width, height, labels);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode label PNG", e);
    }
    return out.toByteArray();
  }

  /** Pixel values (palette indices or grey levels) of a single-channel PNG. */
  public static int[] decode(byte[] png, int[] sizeOut) {
    BufferedImage img;
    try {
      img = ImageIO.read(new ByteArrayInputStream(png));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot decode label PNG", e);
    }
    if (img == null || img.getRaster().getNumBands() != 1) {
      throw new IllegalArgumentException("a label PNG must be single-channel (palette or grey)");
    }
    Raster r = img.getRaster();
    int w = img.getWidth();
    int h = img.getHeight();
    sizeOut[0] = w;
    sizeOut[1] = h;
    return r.getSamples(0, 0, w, h, 0, new int[w * h]);
  }
}
