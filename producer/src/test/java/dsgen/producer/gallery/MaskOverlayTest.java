package dsgen.producer.gallery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dsgen.dataset.VocPalette;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class MaskOverlayTest {

  @Test
  void backgroundIsTransparentAndLabelsTakeTheirVocColour() throws Exception {
    byte[] labels = {0, 1, 12, (byte) 255, 15, 0};
    BufferedImage mask =
        new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_INDEXED, VocPalette.colourModel());
    mask.getRaster().setDataElements(0, 0, 3, 2, labels);
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(mask, "png", png);

    BufferedImage overlay =
        ImageIO.read(new ByteArrayInputStream(MaskOverlay.render(png.toByteArray())));
    assertEquals(0, overlay.getRGB(0, 0) >>> 24);
    assertEquals(0, overlay.getRGB(2, 1) >>> 24);
    // the PASCAL VOC devkit's colours: 1 aeroplane, 12 dog, 15 person, 255 the void border
    assertEquals(0xFF800000, overlay.getRGB(1, 0));
    assertEquals(0xFF400080, overlay.getRGB(2, 0));
    assertEquals(0xFFE0E0C0, overlay.getRGB(0, 1));
    assertEquals(0xFFC08080, overlay.getRGB(1, 1));
  }

  @Test
  void aMaskThatIsNotAPalettePngIsRefusedWithTheReason() throws Exception {
    IllegalArgumentException notPng =
        assertThrows(IllegalArgumentException.class, () -> MaskOverlay.render(new byte[] {1, 2}));
    assertTrue(notPng.getMessage().contains("PNG"), notPng.getMessage());
    BufferedImage rgb = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(rgb, "png", png);
    IllegalArgumentException colour =
        assertThrows(IllegalArgumentException.class, () -> MaskOverlay.render(png.toByteArray()));
    assertTrue(colour.getMessage().contains("single-channel"), colour.getMessage());
  }
}
