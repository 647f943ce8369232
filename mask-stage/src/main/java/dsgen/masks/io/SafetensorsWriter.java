package dsgen.masks.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dsgen.tensor.Half;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes safetensors files (tensors in name order, header padded to 8 bytes, string metadata), the
 * layout {@code attention_io.py} writes. Used to build attention files for tests and benchmarks.
 */
public final class SafetensorsWriter {
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Entry(String name, String dtype, int[] shape, ByteBuffer data) {}

  private final Map<String, String> metadata = new TreeMap<>();
  private final Map<String, Entry> entries = new TreeMap<>();

  public SafetensorsWriter metadata(String key, String value) {
    metadata.put(key, value);
    return this;
  }

  public SafetensorsWriter metadata(Map<String, String> values) {
    metadata.putAll(values);
    return this;
  }

  public SafetensorsWriter f32(String name, int[] shape, float[] values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(values);
    return add(name, "F32", shape, b);
  }

  /** Values rounded to binary16. */
  public SafetensorsWriter f16(String name, int[] shape, float[] values) {
    short[] bits = new short[values.length];
    for (int i = 0; i < values.length; i++) {
      bits[i] = Half.floatToF16(values[i]);
    }
    return f16Bits(name, shape, bits);
  }

  public SafetensorsWriter f16Bits(String name, int[] shape, short[] bits) {
    return add(name, "F16", shape, shorts(bits));
  }

  /** Values truncated to bfloat16 (round half to even). */
  public SafetensorsWriter bf16(String name, int[] shape, float[] values) {
    short[] bits = new short[values.length];
    for (int i = 0; i < values.length; i++) {
      int x = Float.floatToRawIntBits(values[i]);
      bits[i] = (short) ((x + 0x7FFF + ((x >>> 16) & 1)) >>> 16);
    }
    return add(name, "BF16", shape, shorts(bits));
  }

  /** A tensor with an arbitrary dtype name and raw bytes (for testing readers). */
  public SafetensorsWriter raw(String name, String dtype, int[] shape, byte[] bytes) {
    return add(name, dtype, shape, ByteBuffer.wrap(bytes));
  }

  private static ByteBuffer shorts(short[] bits) {
    ByteBuffer b = ByteBuffer.allocate(bits.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    b.asShortBuffer().put(bits);
    return b;
  }

  private SafetensorsWriter add(String name, String dtype, int[] shape, ByteBuffer data) {
    entries.put(name, new Entry(name, dtype, shape.clone(), data));
    return this;
  }

  public byte[] toBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeTo(out);
    return out.toByteArray();
  }

  public void writeTo(OutputStream out) {
    ObjectNode header = JSON.createObjectNode();
    if (!metadata.isEmpty()) {
      ObjectNode meta = header.putObject("__metadata__");
      metadata.forEach(meta::put);
    }
    long offset = 0;
    List<Entry> ordered = new ArrayList<>(entries.values());
    for (Entry e : ordered) {
      ObjectNode t = header.putObject(e.name());
      t.put("dtype", e.dtype());
      ArrayNode shape = t.putArray("shape");
      for (int d : e.shape()) {
        shape.add(d);
      }
      ArrayNode offsets = t.putArray("data_offsets");
      offsets.add(offset);
      offset += e.data().capacity();
      offsets.add(offset);
    }
    byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
    int padded = (json.length + 7) / 8 * 8;
    try {
      ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
      out.write(len.array());
      out.write(json);
      out.write(" ".repeat(padded - json.length).getBytes(StandardCharsets.US_ASCII));
      for (Entry e : ordered) {
        out.write(e.data().array(), 0, e.data().capacity());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write safetensors", e);
    }
  }
}
