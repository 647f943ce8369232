package dsgen.masks.pcc;

/**
 * 8-connected components of the equal-value regions of an integer image ({@code
 * scipy.ndimage.label} with a 3×3 structure, applied to every value): component ids 1..count in
 * raster order of each component's first pixel.
 *
 * @param ids component id per pixel, row-major
 * @param count number of components
 * @param sizes pixel count of each component, indexed by id (index 0 unused)
 */
public record ConnectedComponents(int[] ids, int count, int[] sizes) {

  /** Labels {@code values} (row-major, {@code width × height}). */
  public static ConnectedComponents of(int[] values, int width, int height) {
    if (width < 1 || height < 1 || (long) width * height != values.length) {
      throw new IllegalArgumentException(
          "image of " + values.length + " values is not " + width + "×" + height);
    }
    int[] ids = new int[values.length];
    int[] stack = new int[values.length];
    int[] sizes = new int[values.length + 1];
    int count = 0;
    for (int start = 0; start < values.length; start++) {
      if (ids[start] != 0) {
        continue;
      }
      int id = ++count;
      int value = values[start];
      ids[start] = id;
      int top = 0;
      stack[top++] = start;
      int size = 0;
      while (top > 0) {
        int p = stack[--top];
        size++;
        int y = p / width;
        int x = p - y * width;
        int y0 = Math.max(y - 1, 0);
        int y1 = Math.min(y + 1, height - 1);
        int x0 = Math.max(x - 1, 0);
        int x1 = Math.min(x + 1, width - 1);
        for (int yy = y0; yy <= y1; yy++) {
          int row = yy * width;
          for (int xx = x0; xx <= x1; xx++) {
            int q = row + xx;
            if (ids[q] == 0 && values[q] == value) {
              ids[q] = id;
              stack[top++] = q;
            }
          }
        }
      }
      sizes[id] = size;
    }
    int[] trimmed = new int[count + 1];
    System.arraycopy(sizes, 0, trimmed, 0, count + 1);
    return new ConnectedComponents(ids, count, trimmed);
  }
}
