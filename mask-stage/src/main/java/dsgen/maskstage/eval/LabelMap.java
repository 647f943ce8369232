package dsgen.maskstage.eval;

import dsgen.masks.io.LabelPng;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A label map read from a single-channel PNG (palette indices or grey levels, as VOC-layout
 * datasets store them): one label per pixel, row-major.
 */
public record LabelMap(int width, int height, int[] labels) {

  /**
   * @param what names the map in errors, e.g. its file
   */
  public static LabelMap decode(byte[] png, String what) {
    int[] size = new int[2];
    try {
      int[] labels = LabelPng.decode(png, size);
      return new LabelMap(size[0], size[1], labels);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
    }
  }

  public static LabelMap read(Path png) {
    try {
      return decode(Files.readAllBytes(png), png.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + png + ": " + e, e);
    }
  }

  /**
   * @throws IllegalArgumentException naming both maps when their sizes differ
   */
  public void requireSameSize(LabelMap other, String what, String otherWhat) {
    if (width != other.width || height != other.height) {
      throw new IllegalArgumentException(
          what
              + " is "
              + width
              + "×"
              + height
              + " but "
              + otherWhat
              + " is "
              + other.width
              + "×"
              + other.height);
    }
  }
}
