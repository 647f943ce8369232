package dsgen.diffusion.capture;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dsgen.tensor.Half;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes {@code attention.safetensors}: header = {@code __metadata__} (keys sorted) then the
 * tensors sorted by name with contiguous offsets, padded with spaces to a multiple of 8; data
 * little-endian, float16 (round to nearest even) or float32. The same inputs always give the same
 * bytes.
 */
public final class AttentionFileWriter {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private AttentionFileWriter() {}

  public static byte[] write(
      List<CapturedTensor> tensors, Map<String, String> metadata, boolean float16) {
    List<CapturedTensor> sorted = new ArrayList<>(tensors);
    sorted.sort(Comparator.comparing(CapturedTensor::name));
    int width = float16 ? 2 : 4;
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("__metadata__", new TreeMap<>(metadata));
    long offset = 0;
    for (CapturedTensor t : sorted) {
      long bytes = (long) t.values().length * width;
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("dtype", float16 ? "F16" : "F32");
      entry.put("shape", t.shape());
      entry.put("data_offsets", new long[] {offset, offset + bytes});
      header.put(t.name(), entry);
      offset += bytes;
    }
    byte[] json;
    try {
      json = MAPPER.writeValueAsBytes(header);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode the attention file header", e);
    }
    int padded = (json.length + 7) / 8 * 8;
    ByteBuffer out =
        ByteBuffer.allocate(Math.toIntExact(8 + padded + offset)).order(ByteOrder.LITTLE_ENDIAN);
    out.putLong(padded);
    out.put(json);
    for (int i = json.length; i < padded; i++) {
      out.put((byte) ' ');
    }
    for (CapturedTensor t : sorted) {
      for (float v : t.values()) {
        if (float16) {
          out.putShort(Half.floatToF16(v));
        } else {
          out.putFloat(v);
        }
      }
    }
    return out.array();
  }

  /** Compact JSON of a value (lists, maps, numbers) as the metadata strings use it. */
  public static String json(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
