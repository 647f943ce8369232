package dsgen.maskstage.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dsgen.attention.AttentionWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Damaged copies of a safetensors attention file, for failure tests: a tensor removed, a tensor
 * full of NaN.
 */
public final class AttentionEdits {

  private static final ObjectMapper JSON = new ObjectMapper();

  private AttentionEdits() {}

  public static byte[] without(byte[] file, String tensor) {
    return rewrite(file, tensor, true);
  }

  /** The file with every value of {@code tensor} (F16 or F32) set to NaN. */
  public static byte[] withNaN(byte[] file, String tensor) {
    return rewrite(file, tensor, false);
  }

  private static byte[] rewrite(byte[] file, String target, boolean drop) {
    ByteBuffer buf = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    int headerLength = (int) buf.getLong(0);
    JsonNode header;
    try {
      header = JSON.readTree(new String(file, 8, headerLength, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int dataStart = 8 + headerLength;
    AttentionWriter out = new AttentionWriter();
    boolean found = false;
    for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equals("__metadata__")) {
        Map<String, String> metadata = new LinkedHashMap<>();
        e.getValue()
            .fields()
            .forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
        out.metadata(metadata);
        continue;
      }
      JsonNode t = e.getValue();
      int from = dataStart + t.get("data_offsets").get(0).asInt();
      int to = dataStart + t.get("data_offsets").get(1).asInt();
      byte[] bytes = Arrays.copyOfRange(file, from, to);
      int[] shape = new int[t.get("shape").size()];
      for (int i = 0; i < shape.length; i++) {
        shape[i] = t.get("shape").get(i).asInt();
      }
      String dtype = t.get("dtype").asText();
      if (e.getKey().equals(target)) {
        found = true;
        if (drop) {
          continue;
        }
        fillNaN(bytes, dtype);
      }
      out.raw(e.getKey(), dtype, shape, bytes);
    }
    if (!found) {
      throw new IllegalArgumentException("the attention file has no tensor " + target);
    }
    return out.toBytes();
  }

  private static void fillNaN(byte[] bytes, String dtype) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    switch (dtype) {
      case "F16" -> {
        for (int i = 0; i < bytes.length; i += 2) {
          b.putShort(i, (short) 0x7E00);
        }
      }
      case "F32" -> {
        for (int i = 0; i < bytes.length; i += 4) {
          b.putFloat(i, Float.NaN);
        }
      }
      default -> throw new IllegalArgumentException("cannot put NaN into a " + dtype + " tensor");
    }
  }
}
