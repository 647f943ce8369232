package dsgen.maskstage.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class JpegEncoderTest {
  @Test
  void theImageHoldsEveryPixelAsSetRgbWouldAndTheJpegDecodesAtItsSize() throws Exception {
    int width = 37;
    int height = 21;
    // random words: the top byte (alpha) must not leak into the opaque RGB image
    int[] rgb = new SplittableRandom(3).ints(width * height).toArray();
    JpegEncoder.Pixels pixels = (x, y) -> rgb[y * width + x];

    BufferedImage image = JpegEncoder.image(width, height, pixels);
    BufferedImage expected = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        expected.setRGB(x, y, rgb[y * width + x] & 0xFFFFFF);
      }
    }
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        assertEquals(expected.getRGB(x, y), image.getRGB(x, y), "pixel " + x + "," + y);
      }
    }

    BufferedImage decoded =
        ImageIO.read(
            new ByteArrayInputStream(JpegEncoder.standard().encode(width, height, pixels)));
    assertEquals(width, decoded.getWidth());
    assertEquals(height, decoded.getHeight());
  }
}
