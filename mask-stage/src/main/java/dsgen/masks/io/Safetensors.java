package dsgen.masks.io;

import static dsgen.masks.io.AttentionFileException.Problem.MALFORMED;
import static dsgen.masks.io.AttentionFileException.Problem.UNSUPPORTED_DTYPE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The safetensors container: an 8-byte little-endian header length, a JSON header naming each
 * tensor's dtype, shape and byte range, then the data. Parsed by hand so float16/bfloat16 stay in
 * the file's bytes.
 */
final class Safetensors {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MAX_HEADER = 100L << 20;

  /** Tensors by name (header order) and the string metadata map. */
  record Contents(Map<String, AttentionTensor> tensors, Map<String, String> metadata) {}

  private Safetensors() {}

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
      header = JSON.readTree(new String(headerBytes, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw malformed("header", "safetensors header is not JSON: " + e.getMessage());
    }
    if (header == null || !header.isObject()) {
      throw malformed("header", "safetensors header is not a JSON object");
    }
    int dataStart = (int) (8 + headerLength);
    int dataLength = buf.remaining() - dataStart;
    Map<String, String> metadata = new LinkedHashMap<>();
    Map<String, AttentionTensor> tensors = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equals("__metadata__")) {
        e.getValue()
            .fields()
            .forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
      } else {
        tensors.put(e.getKey(), tensor(e.getKey(), e.getValue(), buf, dataStart, dataLength));
      }
    }
    return new Contents(tensors, metadata);
  }

  private static AttentionTensor tensor(
      String name, JsonNode info, ByteBuffer buf, int dataStart, int dataLength) {
    String dtypeName = info.path("dtype").asText();
    DType dtype = DType.ofSafetensors(dtypeName);
    if (dtype == null) {
      throw new AttentionFileException(
          UNSUPPORTED_DTYPE,
          name,
          "tensor " + name + ": dtype '" + dtypeName + "' is not supported (F32, F16 or BF16)");
    }
    JsonNode shapeNode = info.path("shape");
    JsonNode offsets = info.path("data_offsets");
    if (!shapeNode.isArray() || !offsets.isArray() || offsets.size() != 2) {
      throw malformed(name, "tensor " + name + ": header entry lacks shape or data_offsets");
    }
    int[] shape = new int[shapeNode.size()];
    long count = 1;
    for (int i = 0; i < shape.length; i++) {
      long d = shapeNode.get(i).asLong(-1);
      if (d < 0 || d > Integer.MAX_VALUE) {
        throw malformed(name, "tensor " + name + ": bad shape " + shapeNode);
      }
      shape[i] = (int) d;
      count *= d;
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
    if (end - begin != count * dtype.bytes()) {
      throw malformed(
          name,
          "tensor "
              + name
              + ": "
              + (end - begin)
              + " bytes for shape "
              + shapeNode
              + " of "
              + dtypeName);
    }
    ByteBuffer data = buf.slice(dataStart + (int) begin, (int) (end - begin));
    return new AttentionTensor(name, dtype, shape, data);
  }

  private static AttentionFileException malformed(String culprit, String message) {
    return new AttentionFileException(MALFORMED, culprit, message);
  }
}
