package dsgen.maskstage.dataset;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Encodes an RGB image as baseline JPEG for {@code JPEGImages/}, the format VOC loaders expect. */
public final class JpegEncoder {

  /** Pixel source: packed {@code 0xRRGGBB} at (x, y). */
  @FunctionalInterface
  public interface Pixels {
    int rgb(int x, int y);
  }

  private final float quality;

  /**
   * @param quality 0..1; datasets are training inputs, so the default keeps artefacts well below
   *     mask noise
   */
  public JpegEncoder(float quality) {
    if (!(quality > 0f && quality <= 1f)) {
      throw new IllegalArgumentException("JPEG quality must be in (0, 1], got " + quality);
    }
    this.quality = quality;
  }

  public static JpegEncoder standard() {
    return new JpegEncoder(0.95f);
  }

  public byte[] encode(int width, int height, Pixels pixels) {
    BufferedImage image = image(width, height, pixels);
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
    if (!writers.hasNext()) {
      throw new IllegalStateException("this JVM has no JPEG ImageIO writer");
    }
    ImageWriter writer = writers.next();
    ByteArrayOutputStream out = new ByteArrayOutputStream(width * height / 4);
    try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
      writer.setOutput(stream);
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException("JPEG encoding failed", e);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  /**
   * The pixels as the RGB image the writer compresses, written straight into its {@code 0xRRGGBB}
   * raster: {@code setRGB} per pixel converts each one through the colour model, several times
   * slower at 512².
   */
  public static BufferedImage image(int width, int height, Pixels pixels) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    int[] raster = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        raster[y * width + x] = pixels.rgb(x, y) & 0xFFFFFF;
      }
    }
    return image;
  }
}
