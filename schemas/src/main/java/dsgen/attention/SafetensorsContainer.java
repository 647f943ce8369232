package dsgen.attention;

import static dsgen.attention.AttentionProblem.MALFORMED;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The safetensors container: an 8-byte little-endian header length, a JSON header naming each
 * tensor's dtype, shape and byte range, then the data. Parsed by hand so 16-bit data stays in the
 * file's bytes and BF16 never reaches a native library.
 */
final class SafetensorsContainer {
  static final String METADATA = "__metadata__";
  private static final long MAX_HEADER = 100L << 20;

  /** One header entry with its bytes (a slice of the file, not a copy). */
  record Entry(String name, String dtype, int[] shape, JsonNode offsets, ByteBuffer data) {}

  /** Entries by name (header order) and the string metadata map. */
  record Contents(Map<String, Entry> entries, Map<String, String> metadata) {}

  private SafetensorsContainer() {}

  static Contents parse(ByteBuffer file) {
    ByteBuffer buf = file.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    if (buf.remaining() < 8) {
      throw malformed("file", "not a safetensors file: " + buf.remaining() + " bytes");
    }
    long headerLength = buf.getLong(0);
    if (headerLength <= 0 || headerLength > MAX_HEADER || 8 + headerLength > buf.remaining()) {
      throw malformed(
          "header",
          "not a safetensors file: header length "
              + headerLength
              + " for a file of "
              + buf.remaining()
              + " bytes");
    }
    byte[] headerBytes = new byte[(int) headerLength];
    buf.get(8, headerBytes);
    JsonNode header;
    try {
      header = MetadataJson.MAPPER.readTree(new String(headerBytes, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw malformed("header", "safetensors header is not JSON: " + e.getMessage());
    }
    if (header == null || !header.isObject()) {
      throw malformed("header", "safetensors header is not a JSON object");
    }
    int dataStart = (int) (8 + headerLength);
    int dataLength = buf.remaining() - dataStart;
    Map<String, String> metadata = new LinkedHashMap<>();
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equals(METADATA)) {
        e.getValue()
            .fields()
            .forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
      } else {
        entries.put(e.getKey(), entry(e.getKey(), e.getValue(), buf, dataStart, dataLength));
      }
    }
    return new Contents(entries, metadata);
  }

  private static Entry entry(
      String name, JsonNode info, ByteBuffer buf, int dataStart, int dataLength) {
    JsonNode shapeNode = info.path("shape");
    JsonNode offsets = info.path("data_offsets");
    if (!shapeNode.isArray() || !offsets.isArray() || offsets.size() != 2) {
      throw malformed(name, "tensor " + name + ": header entry lacks shape or data_offsets");
    }
    int[] shape = new int[shapeNode.size()];
    for (int i = 0; i < shape.length; i++) {
      long d = shapeNode.get(i).asLong(-1);
      if (d < 0 || d > Integer.MAX_VALUE) {
        throw malformed(name, "tensor " + name + ": bad shape " + shapeNode);
      }
      shape[i] = (int) d;
    }
    long begin = offsets.get(0).asLong(-1);
    long end = offsets.get(1).asLong(-1);
    if (begin < 0 || end < begin || end > dataLength) {
      throw malformed(
          name,
          "tensor "
              + name
              + ": data_offsets "
              + offsets
              + " outside the "
              + dataLength
              + "-byte data section");
    }
    ByteBuffer data = buf.slice(dataStart + (int) begin, (int) (end - begin));
    return new Entry(name, info.path("dtype").asText(), shape, offsets, data);
  }

  static AttentionFormatException malformed(String culprit, String message) {
    return new AttentionFormatException(MALFORMED, culprit, message);
  }
}
