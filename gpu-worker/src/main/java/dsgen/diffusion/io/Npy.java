package dsgen.diffusion.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Minimal NumPy {@code .npy} reader/writer for C-order little-endian float32/float64/int32/int64
 * arrays: enough for {@code --latents FILE.npy} and the golden fixtures.
 */
public final class Npy {
  private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

  /**
   * A decoded array: its shape and its values widened to double (exact for all supported types up
   * to 2^53).
   */
  public record Array(long[] shape, String descr, double[] values) {
    public float[] floats() {
      float[] out = new float[values.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = (float) values[i];
      }
      return out;
    }

    public long[] longs() {
      long[] out = new long[values.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = (long) values[i];
      }
      return out;
    }
  }

  private Npy() {}

  public static Array read(Path file) throws IOException {
    return decode(Files.readAllBytes(file), file.toString());
  }

  public static Array decode(byte[] bytes, String source) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < 10
        || (bytes[0] & 0xFF) != 0x93
        || !new String(bytes, 1, 5, StandardCharsets.US_ASCII).equals("NUMPY")) {
      throw new IOException(source + ": not a .npy file");
    }
    int major = bytes[6];
    int headerLength;
    int offset;
    if (major == 1) {
      headerLength = buf.getShort(8) & 0xFFFF;
      offset = 10;
    } else {
      headerLength = buf.getInt(8);
      offset = 12;
    }
    String header = new String(bytes, offset, headerLength, StandardCharsets.ISO_8859_1);
    String descr = find(DESCR, header, source, "descr");
    if (find(FORTRAN, header, source, "fortran_order").equals("True")) {
      throw new IOException(source + ": Fortran-order arrays are not supported");
    }
    String[] dims = find(SHAPE, header, source, "shape").split(",");
    long count = 1;
    java.util.List<Long> shape = new java.util.ArrayList<>();
    for (String d : dims) {
      if (!d.isBlank()) {
        long v = Long.parseLong(d.trim());
        shape.add(v);
        count *= v;
      }
    }
    int n = Math.toIntExact(count);
    double[] values = new double[n];
    int p = offset + headerLength;
    int width =
        switch (descr) {
          case "<f4", "<i4" -> 4;
          case "<f8", "<i8" -> 8;
          default ->
              throw new IOException(
                  source
                      + ": unsupported dtype "
                      + descr
                      + " (float32, float64, int32 or int64, little-endian)");
        };
    if (bytes.length - p < (long) n * width) {
      throw new IOException(
          source + ": truncated data (" + n + " values of " + descr + " expected)");
    }
    for (int i = 0; i < n; i++) {
      int at = p + i * width;
      values[i] =
          switch (descr) {
            case "<f4" -> buf.getFloat(at);
            case "<i4" -> buf.getInt(at);
            case "<f8" -> buf.getDouble(at);
            default -> buf.getLong(at);
          };
    }
    return new Array(shape.stream().mapToLong(Long::longValue).toArray(), descr, values);
  }

  /** Encodes a float32 array (C order) as a version-1 .npy file. */
  public static byte[] encodeFloat32(float[] values, long... shape) {
    StringBuilder dims = new StringBuilder();
    for (long d : shape) {
      dims.append(d).append(", ");
    }
    String shapeText =
        shape.length == 1
            ? "(" + shape[0] + ",)"
            : "(" + dims.substring(0, dims.length() - 2) + ")";
    String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shapeText + ", }";
    int total = 10 + dict.length() + 1;
    int pad = (64 - total % 64) % 64;
    String header = dict + " ".repeat(pad) + "\n";
    ByteBuffer out =
        ByteBuffer.allocate(10 + header.length() + 4 * values.length)
            .order(ByteOrder.LITTLE_ENDIAN);
    out.put((byte) 0x93)
        .put("NUMPY".getBytes(StandardCharsets.US_ASCII))
        .put((byte) 1)
        .put((byte) 0);
    out.putShort((short) header.length()).put(header.getBytes(StandardCharsets.ISO_8859_1));
    for (float v : values) {
      out.putFloat(v);
    }
    return out.array();
  }

  private static String find(Pattern p, String header, String source, String key)
      throws IOException {
    Matcher m = p.matcher(header);
    if (!m.find()) {
      throw new IOException(source + ": .npy header without '" + key + "'");
    }
    return m.group(1);
  }
}
