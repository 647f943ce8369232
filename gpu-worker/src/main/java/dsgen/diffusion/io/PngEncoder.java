package dsgen.diffusion.io;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** 8-bit RGB PNG encoding (ImageIO writes no timestamp, so equal pixels give equal bytes). */
public final class PngEncoder {
  private PngEncoder() {}

  /** {@code rgb}: height·width·3 bytes, row-major, R G B per pixel. */
  public static byte[] encode(byte[] rgb, int width, int height) {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    byte[] bgr = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
    for (int i = 0; i < width * height; i++) {
      bgr[3 * i] = rgb[3 * i + 2];
      bgr[3 * i + 1] = rgb[3 * i + 1];
      bgr[3 * i + 2] = rgb[3 * i];
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
