package dsgen.maskstage.dataset;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * Label maps as 8-bit palette PNGs with the Pascal VOC colour map: pixel value = label id (0 background, 255
 * ignore, drawn cream as in VOC), so VOC loaders read the ids and image viewers show colours.
 */
public final class VocLabelPng implements LabelPngEncoder {

    private static final IndexColorModel PALETTE = vocPalette();

    @Override
    public byte[] encode(int width, int height, byte[] labels) {
        if (labels.length != width * height) {
            throw new IllegalArgumentException("label map has " + labels.length + " pixels, expected " + width + "x" + height);
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED, PALETTE);
        byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        System.arraycopy(labels, 0, pixels, 0, labels.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream(labels.length / 8 + 1024);
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("this JVM has no PNG ImageIO writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding failed", e);
        }
        return out.toByteArray();
    }

    @Override
    public int[] colour(int label) {
        return new int[] {PALETTE.getRed(label), PALETTE.getGreen(label), PALETTE.getBlue(label)};
    }

    /** The VOC colour map: the bits of the label id spread over the high bits of R, G and B. */
    private static IndexColorModel vocPalette() {
        byte[] r = new byte[256];
        byte[] g = new byte[256];
        byte[] b = new byte[256];
        for (int id = 0; id < 256; id++) {
            int red = 0;
            int green = 0;
            int blue = 0;
            int c = id;
            for (int bit = 7; bit >= 0; bit--) {
                red |= (c & 1) << bit;
                green |= ((c >> 1) & 1) << bit;
                blue |= ((c >> 2) & 1) << bit;
                c >>= 3;
            }
            r[id] = (byte) red;
            g[id] = (byte) green;
            b[id] = (byte) blue;
        }
        return new IndexColorModel(8, 256, r, g, b);
    }
}
