package dsgen.attention;

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
 * The one writer of attention files: {@code __metadata__} (keys sorted), then the tensors sorted by
 * name with contiguous offsets, the header padded with spaces to a multiple of 8 (the layout the
 * safetensors libraries write); data little-endian. Tensor data is converted as it streams out, so
 * a file is never assembled in memory. The same inputs always give the same bytes.
 */
public final class AttentionWriter {
  /** How one tensor's bytes are produced. */
  private interface Data {
    long byteLength();

    void writeTo(OutputStream out) throws IOException;
  }

  private record Entry(String name, String dtype, int[] shape, Data data) {}

  private static final int CHUNK = 1 << 16;

  private final Map<String, String> metadata = new TreeMap<>();
  private final Map<String, Entry> entries = new TreeMap<>();
  private final Map<String, TensorEncoding> encodings = new TreeMap<>();

  public AttentionWriter metadata(String key, String value) {
    metadata.put(key, value);
    return this;
  }

  public AttentionWriter metadata(Map<String, String> values) {
    metadata.putAll(values);
    return this;
  }

  public AttentionWriter metadata(AttentionMetadata values) {
    return metadata(values.toMap());
  }

  /** Float values stored as {@code dtype}: F32 as they are, F16 rounded, BF16 rounded. */
  public AttentionWriter tensor(String name, int[] shape, float[] values, DType dtype) {
    return switch (dtype) {
      case F32 -> f32(name, shape, values);
      case F16 -> f16(name, shape, values);
      case BF16 -> bf16(name, shape, values);
    };
  }

  public AttentionWriter tensor(TensorName name, int[] shape, float[] values, DType dtype) {
    return tensor(name.toString(), shape, values, dtype);
  }

  public AttentionWriter f32(String name, int[] shape, float[] values) {
    return add(name, "F32", shape, floats(values, 4, (b, v) -> b.putFloat(v)));
  }

  /** Values rounded to binary16 (half to even, as numpy and torch cast). */
  public AttentionWriter f16(String name, int[] shape, float[] values) {
    return add(name, "F16", shape, floats(values, 2, (b, v) -> b.putShort(Half.floatToF16(v))));
  }

  public AttentionWriter f16Bits(String name, int[] shape, short[] bits) {
    ByteBuffer b = ByteBuffer.allocate(bits.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    b.asShortBuffer().put(bits);
    return add(name, "F16", shape, bytes(b.array()));
  }

  /** Values rounded to bfloat16 (half to even). */
  public AttentionWriter bf16(String name, int[] shape, float[] values) {
    return add(name, "BF16", shape, floats(values, 2, (b, v) -> b.putShort(Half.floatToBf16(v))));
  }

  /** A tensor with an arbitrary dtype name and raw bytes (encoded tensors; testing readers). */
  public AttentionWriter raw(String name, String dtype, int[] shape, byte[] bytes) {
    return add(name, dtype, shape, bytes(bytes));
  }

  /**
   * A tensor already encoded with {@code spec} ({@link CompactCodec}); the file must be of format
   * {@value AttentionFormat#V2}, and {@code spec} goes to the {@value MetadataKeys#ENCODINGS}
   * metadata.
   */
  public AttentionWriter encoded(String name, TensorEncoding spec, byte[] blob) {
    add(name, AttentionReader.ENCODED_DTYPE, new int[] {blob.length}, bytes(blob));
    encodings.put(name, spec);
    return this;
  }

  /**
   * A tensor in the compact encoding: encoded on the CPU as {@code encoding} plans it, else dense
   * float16.
   */
  public AttentionWriter compact(
      String name, int[] shape, float[] values, CompactEncoding encoding) {
    return encoding
        .plan(name, shape)
        .map(spec -> encoded(name, spec, CompactCodec.encode(spec, values)))
        .orElseGet(() -> f16(name, shape, values));
  }

  /**
   * The same file in the compact encoding ({@value AttentionFormat#V2}): the same metadata but the
   * format, the same tensors, each as {@code encoding} plans it (what {@code ./dsgen attention
   * pack} writes).
   */
  public static AttentionWriter compactOf(AttentionContents file, CompactEncoding encoding) {
    AttentionWriter w =
        new AttentionWriter().metadata(file.metadata().withFormat(AttentionFormat.V2));
    for (StoredTensor t : file.stored()) {
      w.compact(t.name(), t.shape(), file.raw(t.name()).toFloatArray(), encoding);
    }
    return w;
  }

  /**
   * The same file with every tensor as float16 ({@value AttentionFormat#V1}): the lossless
   * production form of a file written in float32 (the baseline the compact encoding is measured
   * against).
   */
  public static AttentionWriter float16Of(AttentionContents file) {
    AttentionWriter w =
        new AttentionWriter().metadata(file.metadata().withFormat(AttentionFormat.V1));
    for (StoredTensor t : file.stored()) {
      w.f16(t.name(), t.shape(), file.raw(t.name()).toFloatArray());
    }
    return w;
  }

  private AttentionWriter add(String name, String dtype, int[] shape, Data data) {
    entries.put(name, new Entry(name, dtype, shape.clone(), data));
    encodings.remove(name);
    return this;
  }

  public byte[] toBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeTo(out);
    return out.toByteArray();
  }

  /** Writes the file to {@code out} (not closed). */
  public void writeTo(OutputStream out) {
    byte[] json = header().toString().getBytes(StandardCharsets.UTF_8);
    int padded = (json.length + 7) / 8 * 8;
    try {
      out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
      out.write(json);
      out.write(" ".repeat(padded - json.length).getBytes(StandardCharsets.US_ASCII));
      for (Entry e : entries.values()) {
        e.data().writeTo(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the attention file", e);
    }
  }

  /** Total bytes {@link #writeTo} writes. */
  public long size() {
    long data = entries.values().stream().mapToLong(e -> e.data().byteLength()).sum();
    int json = header().toString().getBytes(StandardCharsets.UTF_8).length;
    return 8 + (json + 7) / 8 * 8 + data;
  }

  private ObjectNode header() {
    ObjectNode header = MetadataJson.MAPPER.createObjectNode();
    Map<String, String> meta = new TreeMap<>(metadata);
    if (!encodings.isEmpty()) {
      ObjectNode specs = MetadataJson.MAPPER.createObjectNode();
      encodings.forEach((name, spec) -> specs.set(name, spec.toJson()));
      meta.put(MetadataKeys.ENCODINGS, specs.toString());
    }
    if (!meta.isEmpty()) {
      meta.forEach(header.putObject(SafetensorsContainer.METADATA)::put);
    }
    long offset = 0;
    for (Entry e : new ArrayList<>(entries.values())) {
      ObjectNode t = header.putObject(e.name());
      t.put("dtype", e.dtype());
      ArrayNode shape = t.putArray("shape");
      for (int d : e.shape()) {
        shape.add(d);
      }
      ArrayNode offsets = t.putArray("data_offsets");
      offsets.add(offset);
      offset += e.data().byteLength();
      offsets.add(offset);
    }
    return header;
  }

  private interface Put {
    void put(ByteBuffer b, float v);
  }

  private static Data floats(float[] values, int width, Put put) {
    return new Data() {
      @Override
      public long byteLength() {
        return (long) values.length * width;
      }

      @Override
      public void writeTo(OutputStream out) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK * width).order(ByteOrder.LITTLE_ENDIAN);
        for (int from = 0; from < values.length; from += CHUNK) {
          chunk.clear();
          int to = Math.min(values.length, from + CHUNK);
          for (int i = from; i < to; i++) {
            put.put(chunk, values[i]);
          }
          out.write(chunk.array(), 0, chunk.position());
        }
      }
    };
  }

  private static Data bytes(byte[] bytes) {
    return new Data() {
      @Override
      public long byteLength() {
        return bytes.length;
      }

      @Override
      public void writeTo(OutputStream out) throws IOException {
        out.write(bytes);
      }
    };
  }

  /** The tensors added so far, by name (for callers that list what they wrote). */
  public List<String> tensorNames() {
    return List.copyOf(entries.keySet());
  }
}
