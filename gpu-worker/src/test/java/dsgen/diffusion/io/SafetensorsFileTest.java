package dsgen.diffusion.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dsgen.diffusion.ModelLoadException;
import dsgen.tensor.Half;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hand-written safetensors reader: F32, F16 and BF16 (widened in Java; DJL would abort the JVM
 * on BF16).
 */
class SafetensorsFileTest {
  private static final float[] VALUES = {1f, -2.5f, 0.15625f, 65504f, -0f, 3.140625f};

  private static Path write(Path dir, String dtype, int width) throws Exception {
    String header =
        "{\"__metadata__\":{\"k\":\"v\"},\"t\":{\"dtype\":\""
            + dtype
            + "\",\"shape\":[2,3],"
            + "\"data_offsets\":[0,"
            + VALUES.length * width
            + "]}}";
    byte[] json = header.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b =
        ByteBuffer.allocate(8 + json.length + VALUES.length * width).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(json.length).put(json);
    for (float v : VALUES) {
      switch (dtype) {
        case "F32" -> b.putFloat(v);
        case "F16" -> b.putShort(Half.floatToF16(v));
        default ->
            b.putShort(
                (short)
                    (Float.floatToRawIntBits(v) >>> 16)); // truncated: exact but for 65504 -> 65280
      }
    }
    return Files.write(dir.resolve(dtype + ".safetensors"), b.array());
  }

  @Test
  void everyFloatTypeLoadsAsFloat32(@TempDir Path dir) throws Exception {
    try (NDManager m = NDManager.newBaseManager()) {
      for (String[] t : new String[][] {{"F32", "4"}, {"F16", "2"}, {"BF16", "2"}}) {
        SafetensorsFile f = SafetensorsFile.open(write(dir, t[0], Integer.parseInt(t[1])), "test");
        assertEquals("v", f.metadata().get("k"));
        NDArray a = f.load(m, "t", DataType.FLOAT32);
        float[] expected =
            t[0].equals("BF16")
                ? new float[] {1f, -2.5f, 0.15625f, 65280f, -0f, 3.140625f}
                : VALUES;
        assertArrayEquals(expected, a.toFloatArray(), t[0]);
        assertArrayEquals(expected, f.readFloats("t"), t[0]);
        assertArrayEquals(new long[] {2, 3}, a.getShape().getShape());
      }
    }
  }

  @Test
  void truncatedDataIsRejectedWithTheTensorName(@TempDir Path dir) throws Exception {
    Path p = write(dir, "F32", 4);
    byte[] all = Files.readAllBytes(p);
    Files.write(p, java.util.Arrays.copyOf(all, all.length - 4));
    ModelLoadException e =
        assertThrows(ModelLoadException.class, () -> SafetensorsFile.open(p, "test"));
    assertTrue(
        e.getMessage().contains("'t'") && e.getMessage().contains("F32.safetensors"),
        e.getMessage());
  }

  @Test
  void halfRoundsToNearestEven() {
    assertEquals((short) 0x3C00, Half.floatToF16(1f));
    assertEquals((short) 0x7BFF, Half.floatToF16(65504f));
    assertEquals((short) 0x7C00, Half.floatToF16(65520f)); // rounds up to infinity
    assertEquals((short) 0x3C00, Half.floatToF16(1f + 0x1p-11f)); // tie → even (1.0)
    assertEquals((short) 0x3C02, Half.floatToF16(1f + 3 * 0x1p-11f)); // tie → even (1 + 2^-9)
    assertEquals((short) 0x0001, Half.floatToF16(0x1p-24f)); // smallest subnormal
    assertEquals((short) 0x0000, Half.floatToF16(0x1p-26f));
    for (float v : new float[] {0.1f, -3.7f, 1e-5f, 123.456f}) {
      float back = Half.f16ToFloat(Half.floatToF16(v));
      // round to nearest: half an ulp of the 10-bit mantissa (2^-11 relative) for normal values,
      // half
      // the subnormal step (2^-25) below 2^-14
      assertTrue(Math.abs(back - v) <= Math.abs(v) * 0x1p-11f + 0x1p-25f, v + " -> " + back);
    }
  }
}
