package dsgen.maskstage.export;

import java.util.ArrayList;
import java.util.List;

/**
 * A COCO RLE decoder written for the tests from the format's definition (pycocotools' mask API,
 * {@code maskApi.h}), not from dsgen's encoder:
 *
 * <ul>
 *   <li>a mask of {@code h × w} is read column by column (x outer, y inner) as alternating runs of
 *       0s and 1s, the first run being 0s (possibly of length 0);
 *   <li>the compressed string stores each run length as 5-bit groups, least significant first, each
 *       group plus 48 as one character, 0x20 meaning "another group follows"; the last group's 0x10
 *       bit is the sign of the value;
 *   <li>from the fourth run on (index > 2) the stored value is the difference to the run two places
 *       before.
 * </ul>
 */
public final class IndependentRleDecoder {

  private IndependentRleDecoder() {}

  /** The run lengths a compressed string stands for. */
  public static long[] runs(String compressed) {
    List<Long> runs = new ArrayList<>();
    int at = 0;
    while (at < compressed.length()) {
      long value = 0;
      int shift = 0;
      int group;
      do {
        group = compressed.charAt(at++) - 48;
        if (group < 0 || group > 63) {
          throw new IllegalArgumentException("not an RLE character: " + compressed.charAt(at - 1));
        }
        value |= (long) (group & 0x1f) << shift;
        shift += 5;
      } while ((group & 0x20) != 0);
      if ((group & 0x10) != 0) {
        value -= 1L << shift; // two's complement of a shift-bit number
      }
      int index = runs.size();
      if (index > 2) {
        value += runs.get(index - 2);
      }
      runs.add(value);
    }
    return runs.stream().mapToLong(Long::longValue).toArray();
  }

  /** The binary mask, row-major ({@code mask[y * width + x]}), of a compressed RLE. */
  public static boolean[] decode(String compressed, int height, int width) {
    long[] runs = runs(compressed);
    boolean[] mask = new boolean[height * width];
    long columnMajor = 0;
    boolean value = false;
    for (long run : runs) {
      if (run < 0) {
        throw new IllegalArgumentException("negative run " + run);
      }
      for (long i = 0; i < run; i++, columnMajor++) {
        int x = (int) (columnMajor / height);
        int y = (int) (columnMajor % height);
        mask[y * width + x] = value;
      }
      value = !value;
    }
    if (columnMajor != (long) height * width) {
      throw new IllegalArgumentException(
          "runs cover " + columnMajor + " pixels, the mask has " + height * width);
    }
    return mask;
  }
}
