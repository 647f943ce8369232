package dsgen.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dsgen.tensor.Half;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttentionWriterTest {
  static AttentionMetadata metadata() {
    return new AttentionMetadata(
        AttentionFormat.V1,
        "a photo of a cat",
        "",
        "cat",
        "cat",
        List.of(49406, 320, 1125, 539, 320, 2368, 49407),
        List.of(new AttentionClass("cat", 8, List.of(5), List.of(1), List.of(1))),
        "tiny",
        "DDIM",
        2,
        List.of(500, 0),
        7.5,
        42,
        4,
        List.of(4, 2),
        "float32",
        "default",
        "ddim",
        2);
  }

  @Test
  void metadataAndEveryDtypeRoundTrip() {
    float[] values = new float[16 * 77];
    for (int i = 0; i < values.length; i++) {
      values[i] = (i % 89) / 89f;
    }
    byte[] file =
        new AttentionWriter()
            .metadata(metadata())
            .tensor("ca_mean_4", new int[] {16, 77}, values, DType.F32)
            .tensor("cpa_mean_4", new int[] {16, 77}, values, DType.F16)
            .tensor("ca_maxnorm_4", new int[] {16, 77}, values, DType.BF16)
            .toBytes();
    AttentionContents c = AttentionReader.read(file);
    assertEquals(metadata(), c.metadata());
    for (int i = 0; i < values.length; i++) {
      assertEquals(values[i], c.tensor("ca_mean_4").get(i));
      assertEquals(Half.f16ToFloat(Half.floatToF16(values[i])), c.tensor("cpa_mean_4").get(i));
      assertEquals(Half.bf16ToFloat(Half.floatToBf16(values[i])), c.tensor("ca_maxnorm_4").get(i));
    }
  }

  @Test
  void streamingAndInMemoryWritesAreTheSameBytesOfTheAnnouncedSize() {
    AttentionWriter w =
        new AttentionWriter()
            .metadata(metadata())
            .tensor("sa_mean_2", new int[] {4, 4}, new float[16], DType.F16);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    w.writeTo(out);
    assertArrayEquals(w.toBytes(), out.toByteArray());
    assertEquals(w.size(), out.size());
    assertEquals(0, (out.size() - 8 - 16 * 2) % 8, "header padded to 8 bytes");
  }
}
