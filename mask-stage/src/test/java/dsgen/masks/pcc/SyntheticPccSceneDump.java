package dsgen.masks.pcc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the SD2-scale {@link SyntheticPccScene} as .npy files (features, ovam, image) so the NumPy
 * reference can be timed on exactly the benchmark's input: {@code java ... SyntheticPccSceneDump
 * DIR [seed]}.
 */
public final class SyntheticPccSceneDump {
  private SyntheticPccSceneDump() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    long seed = args.length > 1 ? Long.parseLong(args[1]) : SyntheticPccScene.BENCH_SEED;
    SyntheticPccScene s = SyntheticPccScene.sd2(seed);
    Files.createDirectories(dir);
    writeFloats(dir.resolve("pcc_features.npy"), s.features, s.r * s.r, s.columns);
    writeFloats(dir.resolve("ovam.npy"), s.ovam, s.tokens, s.r, s.r);
    byte[] image = new byte[s.rgb.length * 3];
    for (int p = 0; p < s.rgb.length; p++) {
      image[3 * p] = (byte) (s.rgb[p] >> 16);
      image[3 * p + 1] = (byte) (s.rgb[p] >> 8);
      image[3 * p + 2] = (byte) s.rgb[p];
    }
    write(dir.resolve("image.npy"), "|u1", image, s.imageSize, s.imageSize, 3);
    StringBuilder classes = new StringBuilder();
    for (ClassTokens c : s.classes) {
      classes.append(c.label()).append(':');
      for (int i = 0; i < c.tokens().length; i++) {
        classes.append(i == 0 ? "" : ",").append(c.tokens()[i]);
      }
      classes.append('\n');
    }
    Files.writeString(dir.resolve("classes.txt"), classes.toString());
  }

  private static void writeFloats(Path path, float[] values, int... shape) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(values);
    write(path, "<f4", b.array(), shape);
  }

  private static void write(Path path, String dtype, byte[] data, int... shape) throws IOException {
    StringBuilder dims = new StringBuilder();
    for (int d : shape) {
      dims.append(d).append(", ");
    }
    String header = "{'descr': '" + dtype + "', 'fortran_order': False, 'shape': (" + dims + "), }";
    int total = 10 + header.length() + 1;
    header = header + " ".repeat((64 - total % 64) % 64) + "\n";
    byte[] h = header.getBytes(StandardCharsets.US_ASCII);
    ByteBuffer out =
        ByteBuffer.allocate(10 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
    out.put((byte) 0x93)
        .put("NUMPY".getBytes(StandardCharsets.US_ASCII))
        .put((byte) 1)
        .put((byte) 0);
    out.putShort((short) h.length).put(h).put(data);
    Files.write(path, out.array());
  }
}
