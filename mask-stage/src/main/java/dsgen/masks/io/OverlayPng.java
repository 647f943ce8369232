package dsgen.masks.io;

import dsgen.masks.image.RgbImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** The image with its labels blended in their VOC colours, for people to look at. */
public final class OverlayPng {
  /** Share of the label colour in a labelled pixel. */
  private static final double OPACITY = 0.5;

  private OverlayPng() {}

  public static byte[] encode(RgbImage image, byte[] labels) {
    int w = image.width();
    int h = image.height();
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int label = labels[y * w + x] & 0xFF;
        int rgb = image.rgb(x, y);
        out.setRGB(x, y, label == 0 ? rgb : blend(rgb, LabelPng.colour(label)));
      }
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      ImageIO.write(out, "png", bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode overlay PNG", e);
    }
    return bytes.toByteArray();
  }

  private static int blend(int a, int b) {
    int out = 0;
    for (int shift = 0; shift <= 16; shift += 8) {
      int ca = (a >> shift) & 0xFF;
      int cb = (b >> shift) & 0xFF;
      out |= ((int) Math.round((1 - OPACITY) * ca + OPACITY * cb)) << shift;
    }
    return out;
  }
}
