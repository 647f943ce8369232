package dsgen.maskstage.export;

import dsgen.store.ObjectRefs;
import java.nio.charset.StandardCharsets;

/**
 * The split an image belongs to, decided by its imageId alone: the first 53 bits of
 * SHA-256(imageId) read as a fraction u in [0, 1); the image is in {@code val} when u < the
 * validation fraction. An image therefore never changes split when the dataset grows, and raising
 * the fraction only moves images from train to val.
 */
public enum Split {
  TRAIN("train"),
  VAL("val");

  private final String fileName;

  Split(String fileName) {
    this.fileName = fileName;
  }

  /** The name of the split in file names: {@code train}, {@code val}. */
  public String fileName() {
    return fileName;
  }

  /**
   * @param valFraction share of the images in {@code val}, 0..1
   */
  public static Split of(String imageId, double valFraction) {
    requireFraction(valFraction);
    return position(imageId) < valFraction ? VAL : TRAIN;
  }

  /** Where an imageId falls in [0, 1): the first 53 bits of its SHA-256, as a fraction of 2^53. */
  static double position(String imageId) {
    String hex = ObjectRefs.sha256Hex(imageId.getBytes(StandardCharsets.UTF_8));
    long first64 = Long.parseUnsignedLong(hex.substring(0, 16), 16);
    return (first64 >>> 11) * 0x1.0p-53;
  }

  /**
   * @throws IllegalArgumentException when the fraction is not a number in 0..1
   */
  public static double requireFraction(double valFraction) {
    if (!(valFraction >= 0 && valFraction <= 1)) {
      throw new IllegalArgumentException(
          "the validation fraction must be between 0 and 1, got " + valFraction);
    }
    return valFraction;
  }
}
