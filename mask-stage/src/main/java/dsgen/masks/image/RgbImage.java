package dsgen.masks.image;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** An 8-bit RGB image, as decoded from PNG or JPEG bytes. Immutable. */
public final class RgbImage {
  private final int width;
  private final int height;
  private final int[] rgb;

  private RgbImage(int width, int height, int[] rgb) {
    this.width = width;
    this.height = height;
    this.rgb = rgb;
  }

  /** An image from packed 0xRRGGBB pixels, row-major. */
  public static RgbImage of(int width, int height, int[] packedRgb) {
    if (packedRgb.length != width * height) {
      throw new IllegalArgumentException(
          packedRgb.length + " pixels for a " + width + "x" + height + " image");
    }
    int[] copy = new int[packedRgb.length];
    for (int i = 0; i < copy.length; i++) {
      copy[i] = packedRgb[i] & 0xFFFFFF;
    }
    return new RgbImage(width, height, copy);
  }

  /**
   * Decodes PNG or JPEG bytes. Grey images are read from their samples (BufferedImage#getRGB would
   * apply a gamma curve to them); alpha is dropped.
   *
   * @throws IllegalArgumentException when the bytes are not an image ImageIO can read
   */
  public static RgbImage decode(byte[] bytes) {
    BufferedImage img;
    try {
      img = ImageIO.read(new ByteArrayInputStream(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot decode image (" + bytes.length + " bytes)", e);
    }
    if (img == null) {
      throw new IllegalArgumentException("not a PNG or JPEG image (" + bytes.length + " bytes)");
    }
    int w = img.getWidth();
    int h = img.getHeight();
    int[] rgb = new int[w * h];
    Raster raster = img.getRaster();
    boolean grey =
        img.getColorModel().getNumColorComponents() == 1
            && img.getColorModel().getPixelSize() <= 16
            && !(img.getColorModel() instanceof java.awt.image.IndexColorModel);
    if (grey) {
      int bits = img.getColorModel().getComponentSize(0);
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          int v = raster.getSample(x, y, 0) >> Math.max(0, bits - 8);
          rgb[y * w + x] = (v << 16) | (v << 8) | v;
        }
      }
    } else {
      img.getRGB(0, 0, w, h, rgb, 0, w);
      for (int i = 0; i < rgb.length; i++) {
        rgb[i] &= 0xFFFFFF;
      }
    }
    return new RgbImage(w, h, rgb);
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** Packed 0xRRGGBB at (x, y). */
  public int rgb(int x, int y) {
    return rgb[y * width + x];
  }

  /** One channel (0 red, 1 green, 2 blue) as 0..255 values, row-major. */
  public float[] channel(int c) {
    int shift = 16 - 8 * c;
    float[] out = new float[rgb.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (rgb[i] >> shift) & 0xFF;
    }
    return out;
  }
}
