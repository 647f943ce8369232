package dsgen.diffusion.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dsgen.diffusion.ModelLoadException;
import dsgen.tensor.Half;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a safetensors file (8-byte little-endian header length, JSON header, raw little-endian
 * data) without DJL's decoder, because DJL aborts the JVM on BF16: BF16 is widened to float32 here,
 * in Java. Tensors are read one at a time through a memory map of their own byte range, so files
 * over 2 GiB work.
 */
public final class SafetensorsFile {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final long MAX_HEADER = 100L << 20;

  /** One tensor entry of the header. */
  public record Entry(String name, String dtype, long[] shape, long begin, long end) {
    public Shape djlShape() {
      return new Shape(shape);
    }

    public long elements() {
      long n = 1;
      for (long d : shape) {
        n *= d;
      }
      return n;
    }
  }

  private final Path file;
  private final long dataStart;
  private final Map<String, Entry> entries;
  private final Map<String, String> metadata;

  private SafetensorsFile(
      Path file, long dataStart, Map<String, Entry> entries, Map<String, String> metadata) {
    this.file = file;
    this.dataStart = dataStart;
    this.entries = entries;
    this.metadata = metadata;
  }

  public static SafetensorsFile open(Path file, String role) {
    if (!Files.isRegularFile(file)) {
      throw ModelLoadException.missingFile(file, role);
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      readFully(ch, len, 0);
      long headerLength = len.getLong(0);
      if (headerLength <= 0 || headerLength > MAX_HEADER || 8 + headerLength > size) {
        throw new ModelLoadException(
            file, "not a safetensors file (header length " + headerLength + ")");
      }
      ByteBuffer header = ByteBuffer.allocate((int) headerLength);
      readFully(ch, header, 8);
      JsonNode root = MAPPER.readTree(new String(header.array(), StandardCharsets.UTF_8));
      long dataStart = 8 + headerLength;
      Map<String, Entry> entries = new LinkedHashMap<>();
      Map<String, String> metadata = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        if (f.getKey().equals("__metadata__")) {
          f.getValue()
              .fields()
              .forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
          continue;
        }
        entries.put(f.getKey(), entry(file, f.getKey(), f.getValue(), size - dataStart));
      }
      return new SafetensorsFile(
          file,
          dataStart,
          Collections.unmodifiableMap(entries),
          Collections.unmodifiableMap(metadata));
    } catch (IOException e) {
      throw new ModelLoadException(file, "unreadable safetensors file: " + e.getMessage(), e);
    }
  }

  private static Entry entry(Path file, String name, JsonNode n, long dataSize) {
    String dtype = n.path("dtype").asText();
    JsonNode shapeNode = n.path("shape");
    long[] shape = new long[shapeNode.size()];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = shapeNode.get(i).asLong();
    }
    long begin = n.path("data_offsets").path(0).asLong(-1);
    long end = n.path("data_offsets").path(1).asLong(-1);
    Entry e = new Entry(name, dtype, shape, begin, end);
    long expectedBytes = e.elements() * bytesPerElement(file, name, dtype);
    if (begin < 0 || end > dataSize || end - begin != expectedBytes) {
      throw new ModelLoadException(
          file,
          "tensor '"
              + name
              + "' has data offsets ["
              + begin
              + ", "
              + end
              + "] inconsistent with its "
              + dtype
              + " shape "
              + java.util.Arrays.toString(shape)
              + " and the file size");
    }
    return e;
  }

  private static int bytesPerElement(Path file, String name, String dtype) {
    return switch (dtype) {
      case "F32", "I32" -> 4;
      case "F16", "BF16" -> 2;
      case "F64", "I64" -> 8;
      case "U8", "I8", "BOOL" -> 1;
      default ->
          throw new ModelLoadException(
              file, "tensor '" + name + "' has unsupported dtype " + dtype);
    };
  }

  private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
    long pos = position;
    while (buf.hasRemaining()) {
      int n = ch.read(buf, pos);
      if (n < 0) {
        throw new IOException("unexpected end of file");
      }
      pos += n;
    }
  }

  public Path file() {
    return file;
  }

  public Map<String, Entry> entries() {
    return entries;
  }

  public Map<String, String> metadata() {
    return metadata;
  }

  /**
   * Loads a floating-point tensor onto {@code manager}'s device as {@code target} (float32 or
   * float16).
   */
  public NDArray load(NDManager manager, String name, DataType target) {
    Entry e = entries.get(name);
    if (e == null) {
      throw ModelLoadException.missingTensor(file, name, "any");
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer raw =
          ch.map(FileChannel.MapMode.READ_ONLY, dataStart + e.begin(), e.end() - e.begin())
              .order(ByteOrder.LITTLE_ENDIAN);
      Shape shape = e.djlShape();
      switch (e.dtype()) {
        case "F32" -> {
          return owned(manager.create(raw, shape, DataType.FLOAT32), target);
        }
        case "F16" -> {
          return owned(manager.create(raw, shape, DataType.FLOAT16), target);
        }
        case "BF16" -> {
          return owned(manager.create(widenBf16(raw, e.elements()), shape), target);
        }
        default ->
            throw new ModelLoadException(
                file,
                "tensor '"
                    + name
                    + "' is "
                    + e.dtype()
                    + ", expected a floating-point tensor (F32, F16 or BF16)");
      }
    } catch (IOException ex) {
      throw new ModelLoadException(
          file, "cannot read tensor '" + name + "': " + ex.getMessage(), ex);
    }
  }

  /** Reads a floating-point tensor into a Java array (float32), for host-side use and tests. */
  public float[] readFloats(String name) {
    Entry e = entries.get(name);
    if (e == null) {
      throw ModelLoadException.missingTensor(file, name, "any");
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer raw =
          ch.map(FileChannel.MapMode.READ_ONLY, dataStart + e.begin(), e.end() - e.begin())
              .order(ByteOrder.LITTLE_ENDIAN);
      int n = Math.toIntExact(e.elements());
      return switch (e.dtype()) {
        case "F32" -> {
          float[] out = new float[n];
          raw.asFloatBuffer().get(out);
          yield out;
        }
        case "F16" -> {
          float[] out = new float[n];
          for (int i = 0; i < n; i++) {
            out[i] = Half.f16ToFloat(raw.getShort(2 * i));
          }
          yield out;
        }
        case "BF16" -> widenBf16(raw, n).array();
        default ->
            throw new ModelLoadException(
                file,
                "tensor '" + name + "' is " + e.dtype() + ", expected a floating-point tensor");
      };
    } catch (IOException ex) {
      throw new ModelLoadException(
          file, "cannot read tensor '" + name + "': " + ex.getMessage(), ex);
    }
  }

  // An array created from a direct buffer aliases it (a file mapping here, unmapped when
  // collected): a clone or a
  // dtype conversion gives torch memory of its own. toType(same dtype, copy=true) would still
  // alias.
  private static NDArray owned(NDArray view, DataType target) {
    try (view) {
      return view.getDataType() == target ? view.duplicate() : view.toType(target, false);
    }
  }

  private static FloatBuffer widenBf16(ByteBuffer raw, long elements) {
    int n = Math.toIntExact(elements);
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = Float.intBitsToFloat((raw.getShort(2 * i) & 0xFFFF) << 16);
    }
    return FloatBuffer.wrap(out);
  }
}
