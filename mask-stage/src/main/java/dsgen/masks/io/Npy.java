package dsgen.masks.io;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** NumPy {@code .npy} (format 1.0, little-endian float32, C order): what {@code soft.npy} is. */
public final class Npy {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']+)'");
  private static final Pattern ORDER = Pattern.compile("'fortran_order':\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

  /** A float array with its shape. */
  public record Array(int[] shape, float[] data) {}

  private Npy() {}

  /** Soft maps [C][H*W] as a float32 array of shape [C, H, W]. */
  public static byte[] float32(float[][] maps, int height, int width) {
    String header =
        "{'descr': '<f4', 'fortran_order': False, 'shape': ("
            + maps.length
            + ", "
            + height
            + ", "
            + width
            + "), }";
    int unpadded = MAGIC.length + 2 + 2 + header.length() + 1;
    int pad = (64 - unpadded % 64) % 64;
    String full = header + " ".repeat(pad) + "\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(MAGIC);
    out.write(1);
    out.write(0);
    out.write(full.length() & 0xFF);
    out.write(full.length() >> 8);
    out.writeBytes(full.getBytes(StandardCharsets.US_ASCII));
    ByteBuffer data =
        ByteBuffer.allocate(maps.length * height * width * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float[] m : maps) {
      for (float v : m) {
        data.putFloat(v);
      }
    }
    out.writeBytes(data.array());
    return out.toByteArray();
  }

  /** Reads a little-endian float32 or float64 array in C order (float64 is narrowed to float). */
  public static Array read(byte[] bytes) {
    if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, 6), MAGIC)) {
      throw new IllegalArgumentException("not a .npy file");
    }
    int major = bytes[6];
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int headerLength = major == 1 ? Short.toUnsignedInt(b.getShort(8)) : b.getInt(8);
    int start = major == 1 ? 10 : 12;
    String header = new String(bytes, start, headerLength, StandardCharsets.US_ASCII);
    Matcher d = DESCR.matcher(header);
    Matcher o = ORDER.matcher(header);
    Matcher s = SHAPE.matcher(header);
    if (!d.find() || !o.find() || !s.find()) {
      throw new IllegalArgumentException(".npy header not understood: " + header);
    }
    if (o.group(1).equals("True")) {
      throw new IllegalArgumentException(".npy in Fortran order is not supported");
    }
    int[] shape =
        Arrays.stream(s.group(1).split(","))
            .map(String::trim)
            .filter(t -> !t.isEmpty())
            .mapToInt(Integer::parseInt)
            .toArray();
    int n = Arrays.stream(shape).reduce(1, Math::multiplyExact);
    float[] data = new float[n];
    int off = start + headerLength;
    switch (d.group(1)) {
      case "<f4" -> {
        for (int i = 0; i < n; i++) {
          data[i] = b.getFloat(off + 4 * i);
        }
      }
      case "<f8" -> {
        for (int i = 0; i < n; i++) {
          data[i] = (float) b.getDouble(off + 8 * i);
        }
      }
      default ->
          throw new IllegalArgumentException(".npy dtype " + d.group(1) + " is not supported");
    }
    return new Array(shape, data);
  }
}
