package dsgen.maskstage.export;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * A binary mask in COCO's run-length encoding, as pycocotools' mask API defines it: the mask of an
 * {@code height × width} image read in column-major order (down each column, columns left to right)
 * as alternating run lengths, starting with a run of zeros (0 when the first pixel is set) and
 * ending with the last run.
 *
 * @param counts run lengths, zeros first; they sum to {@code height × width}
 */
public record CocoRle(int height, int width, int[] counts) {

  private static final int NO_LABEL = -1;

  public CocoRle {
    long total = Arrays.stream(counts).asLongStream().sum();
    if (total != (long) height * width) {
      throw new IllegalArgumentException(
          "RLE counts sum to " + total + ", not " + height + "×" + width);
    }
  }

  /**
   * One RLE per label value present in a label map, in one column-major pass.
   *
   * @param labels row-major label map, values 0..255
   * @return label value → the RLE of the pixels carrying it, in ascending label order
   */
  public static Map<Integer, CocoRle> perLabel(int[] labels, int width, int height) {
    if (labels.length != width * height) {
      throw new IllegalArgumentException(
          "label map has " + labels.length + " pixels, not " + width + "×" + height);
    }
    // transitions[v] = column-major positions where the mask of v switches (0→1, 1→0, ...)
    int[][] transitions = new int[256][];
    int[] used = new int[256];
    int previous = NO_LABEL;
    int position = 0;
    for (int x = 0; x < width; x++) {
      for (int y = 0; y < height; y++, position++) {
        int v = labels[y * width + x];
        if (v != previous) {
          if (previous != NO_LABEL) {
            append(transitions, used, previous, position);
          }
          append(transitions, used, requireByte(v, x, y), position);
          previous = v;
        }
      }
    }
    Map<Integer, CocoRle> out = new TreeMap<>();
    for (int v = 0; v < 256; v++) {
      if (used[v] > 0) {
        out.put(v, fromTransitions(transitions[v], used[v], height, width));
      }
    }
    return out;
  }

  /** Number of set pixels (COCO's {@code area} of a mask annotation). */
  public long area() {
    long area = 0;
    for (int i = 1; i < counts.length; i += 2) {
      area += counts[i];
    }
    return area;
  }

  /**
   * The smallest box holding every set pixel, {@code [x, y, width, height]} in pixels (COCO's
   * {@code bbox}); {@code [0, 0, 0, 0]} for an empty mask.
   */
  public int[] bbox() {
    int minX = Integer.MAX_VALUE;
    int minY = Integer.MAX_VALUE;
    int maxX = -1;
    int maxY = -1;
    long start = 0;
    for (int i = 0; i < counts.length; i++) {
      long end = start + counts[i];
      if (i % 2 == 1 && counts[i] > 0) {
        int firstX = (int) (start / height);
        int lastX = (int) ((end - 1) / height);
        minX = Math.min(minX, firstX);
        maxX = Math.max(maxX, lastX);
        if (firstX == lastX) {
          minY = Math.min(minY, (int) (start % height));
          maxY = Math.max(maxY, (int) ((end - 1) % height));
        } else { // the run wraps from the bottom of one column to the top of the next
          minY = 0;
          maxY = height - 1;
        }
      }
      start = end;
    }
    return maxX < 0 ? new int[4] : new int[] {minX, minY, maxX - minX + 1, maxY - minY + 1};
  }

  /**
   * COCO's compressed string form ({@code segmentation.counts} as pycocotools writes it): each run
   * length from the fourth on is replaced by its difference to the run two before, then written as
   * 5-bit groups, least significant first, each group a character {@code 48 + group}, with bit 0x20
   * marking that another group follows; the last group's bit 0x10 is the sign.
   */
  public String compressed() {
    StringBuilder s = new StringBuilder(counts.length * 2);
    for (int i = 0; i < counts.length; i++) {
      long x = counts[i];
      if (i > 2) {
        x -= counts[i - 2];
      }
      boolean more = true;
      while (more) {
        int group = (int) (x & 0x1f);
        x >>= 5;
        more = (group & 0x10) != 0 ? x != -1 : x != 0;
        if (more) {
          group |= 0x20;
        }
        s.append((char) (group + 48));
      }
    }
    return s.toString();
  }

  private static CocoRle fromTransitions(int[] at, int n, int height, int width) {
    int[] counts = new int[n + 1];
    int last = 0;
    for (int i = 0; i < n; i++) {
      counts[i] = at[i] - last;
      last = at[i];
    }
    counts[n] = height * width - last;
    return new CocoRle(height, width, counts);
  }

  private static void append(int[][] transitions, int[] used, int v, int position) {
    int[] list = transitions[v];
    if (list == null) {
      list = transitions[v] = new int[8];
    } else if (used[v] == list.length) {
      list = transitions[v] = Arrays.copyOf(list, list.length * 2);
    }
    list[used[v]++] = position;
  }

  private static int requireByte(int v, int x, int y) {
    if (v < 0 || v > 255) {
      throw new IllegalArgumentException(
          "label " + v + " at (" + x + ", " + y + ") is not an 8-bit label");
    }
    return v;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CocoRle r
        && r.height == height
        && r.width == width
        && Arrays.equals(r.counts, counts);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * height + width) + Arrays.hashCode(counts);
  }

  @Override
  public String toString() {
    return "CocoRle[" + height + "×" + width + ", " + counts.length + " runs]";
  }
}
