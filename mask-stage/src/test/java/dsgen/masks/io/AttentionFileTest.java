package dsgen.masks.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dsgen.attention.AttentionClass;
import dsgen.attention.AttentionMetadata;
import dsgen.attention.AttentionProblem;
import dsgen.attention.AttentionTensor;
import dsgen.attention.DType;
import dsgen.attention.TensorName;
import dsgen.tensor.Half;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttentionFileTest {
  private static Path fixtures() {
    return Path.of(System.getProperty("dsgen.fixtures", "../fixtures"));
  }

  @Test
  void readsTheFloat16FixtureWithItsMetadata() {
    AttentionFile f =
        AttentionFile.read(fixtures().resolve("masks/blobs-2class/attention.safetensors"));
    AttentionMetadata m = f.metadata();
    assertEquals(32, f.topResolution());
    assertEquals(List.of(32, 16, 8, 4), m.resolutions());
    assertEquals("dog potted plant", m.classPrompt());
    assertEquals(2, m.classes().size());
    assertEquals(
        new AttentionClass("potted plant", 16, List.of(8, 9), List.of(2, 3), List.of(2, 3)),
        m.classes().get(1));
    AttentionTensor sa = f.tensor("sa_mean_32");
    assertEquals(DType.F16, sa.dtype());
    assertArrayEquals(new int[] {1024, 1024}, sa.shape());
    float[] row = new float[1024];
    sa.readRow(17, row);
    double sum = 0;
    for (float v : row) {
      sum += v;
    }
    // each of the 1024 probabilities is stored float16 (relative half-ulp 2^-11, absolute 2^-25 in
    // the subnormal range), so the row sum is 1 within 2^-11 + 1024 · 2^-25 ≈ 5e-4, plus the
    // float32 sum of the capture; 1e-3 covers both
    assertEquals(1.0, sum, 1e-3, "self-attention rows are distributions");
  }

  @Test
  void readsTheFloat32GoldenCapture() {
    AttentionFile f =
        AttentionFile.read(fixtures().resolve("tiny-sd2-golden/attention.safetensors"));
    assertEquals(DType.F32, f.tensor("ca_layers_16").dtype());
    assertArrayEquals(new int[] {5, 256, 77}, f.tensor("ca_layers_16").shape());
    assertEquals(List.of(5), f.metadata().classes().get(0).promptTokens());
  }

  @Test
  void widensFloat16AndBfloat16Exactly() {
    AttentionFile f = AttentionFile.read(TinyAttentionFiles.valid().toBytes());
    float[] ramp = TinyAttentionFiles.ramp(2 * 16 * 77);
    AttentionTensor half = f.tensor("ca_mean_4");
    AttentionTensor bf = f.tensor("ca_layers_4");
    for (int i = 0; i < 16 * 77; i++) {
      assertEquals(Half.f16ToFloat(Half.floatToF16(ramp[i])), half.get(i));
      // ramp values lie in [0, 1): float16 rounds them within 2^-12 ≈ 2.4e-4, bfloat16 (8-bit
      // mantissa) within 2^-9 ≈ 2e-3; the tolerances are those bounds with a factor 2 of margin
      assertEquals(ramp[i], half.get(i), 1e-3);
      assertEquals(ramp[i], bf.get(i), 4e-3);
    }
    float[] row = new float[77];
    bf.readRow(16 + 3, row);
    assertEquals(bf.get((16 + 3) * 77 + 5), row[5]);
  }

  @Test
  void float16TableMatchesTheStandardOnEveryBitPattern() {
    for (int bits = 0; bits < 1 << 16; bits++) {
      float f = Half.f16ToFloat(bits);
      if (Float.isNaN(f)) {
        assertTrue(Half.f16IsNonFinite(bits));
        continue;
      }
      assertEquals(
          (short) bits, Half.floatToF16(f), "round trip of 0x" + Integer.toHexString(bits));
    }
    assertEquals(5.9604645e-8f, Half.f16ToFloat(1));
    assertEquals(65504f, Half.f16ToFloat(0x7BFF));
  }

  @Test
  void missingTensorIsNamed() {
    AttentionFile f = AttentionFile.read(TinyAttentionFiles.valid().toBytes());
    AttentionFileException e =
        assertThrows(
            AttentionFileException.class, () -> f.require(TensorName.parse("sa_mean_8"), "x-1"));
    assertEquals(AttentionProblem.MISSING_TENSOR, e.problem());
    assertEquals("sa_mean_8", e.culprit());
    assertTrue(
        e.getMessage().startsWith("recipe x-1 needs sa_mean_8, not captured"), e.getMessage());
  }

  @Test
  void wrongShapeIsNamed() {
    byte[] bytes =
        TinyAttentionFiles.valid().f32("sa_mean_2", new int[] {4, 5}, new float[20]).toBytes();
    AttentionFileException e =
        assertThrows(AttentionFileException.class, () -> AttentionFile.read(bytes));
    assertEquals(AttentionProblem.BAD_SHAPE, e.problem());
    assertEquals("sa_mean_2", e.culprit());
    assertTrue(e.getMessage().contains("[4, 5], expected [4, 4]"), e.getMessage());
    byte[] foreign =
        TinyAttentionFiles.valid()
            .f32("ca_mean_16", new int[] {256, 77}, new float[256 * 77])
            .toBytes();
    e = assertThrows(AttentionFileException.class, () -> AttentionFile.read(foreign));
    assertEquals("ca_mean_16", e.culprit());
  }

  @Test
  void nanAndInfinityAreNamedWithTheirPosition() {
    float[] v = TinyAttentionFiles.ramp(256);
    v[3 * 16 + 2] = Float.NaN;
    AttentionFile f =
        AttentionFile.read(
            TinyAttentionFiles.valid().f16("sa_maxnorm_4", new int[] {16, 16}, v).toBytes());
    AttentionFileException e =
        assertThrows(AttentionFileException.class, () -> f.tensor("sa_maxnorm_4"));
    assertEquals(AttentionProblem.NON_FINITE, e.problem());
    assertEquals("sa_maxnorm_4", e.culprit());
    assertTrue(e.getMessage().contains("[3, 2]"), e.getMessage());
    float[] w = TinyAttentionFiles.ramp(256);
    w[255] = Float.POSITIVE_INFINITY;
    AttentionFile g =
        AttentionFile.read(
            TinyAttentionFiles.valid().f32("sa_mean_4", new int[] {16, 16}, w).toBytes());
    assertEquals(
        "sa_mean_4",
        assertThrows(AttentionFileException.class, () -> g.tensor("sa_mean_4")).culprit());
  }

  @Test
  void tokenIndexOutOfRangeIsNamed() {
    String classes =
        "[{\"name\":\"cat\",\"label\":8,\"prompt_tokens\":[5]},"
            + "{\"name\":\"dog\",\"label\":12,\"prompt_tokens\":[77]}]";
    byte[] bytes = TinyAttentionFiles.valid().metadata("classes", classes).toBytes();
    AttentionFileException e =
        assertThrows(AttentionFileException.class, () -> AttentionFile.read(bytes));
    assertEquals(AttentionProblem.TOKEN_OUT_OF_RANGE, e.problem());
    assertEquals("classes[1].prompt_tokens", e.culprit());
    assertTrue(e.getMessage().contains("'dog'") && e.getMessage().contains("77"), e.getMessage());
  }

  @Test
  void unknownFormatVersionIsNamed() {
    byte[] bytes = TinyAttentionFiles.valid().metadata("format", "dsgen-attention/9").toBytes();
    AttentionFileException e =
        assertThrows(AttentionFileException.class, () -> AttentionFile.read(bytes));
    assertEquals(AttentionProblem.UNKNOWN_FORMAT, e.problem());
    assertEquals("format", e.culprit());
    assertTrue(e.getMessage().contains("dsgen-attention/9"), e.getMessage());
  }

  @Test
  void badMetadataAndContainerAreNamed() {
    byte[] noClasses =
        TinyAttentionFiles.valid().metadata("classes", "[{\"name\":\"cat\"}]").toBytes();
    assertEquals(
        "classes[0]",
        assertThrows(AttentionFileException.class, () -> AttentionFile.read(noClasses)).culprit());
    byte[] i64 =
        TinyAttentionFiles.valid().raw("ids", "I64", new int[] {2}, new byte[16]).toBytes();
    AttentionFileException e =
        assertThrows(AttentionFileException.class, () -> AttentionFile.read(i64));
    assertEquals(AttentionProblem.UNSUPPORTED_DTYPE, e.problem());
    assertEquals("ids", e.culprit());
    assertEquals(
        AttentionProblem.MALFORMED,
        assertThrows(AttentionFileException.class, () -> AttentionFile.read(new byte[] {1, 2, 3}))
            .problem());
    byte[] noLatent = TinyAttentionFiles.valid().metadata(Map.of("latent_size", "16")).toBytes();
    assertEquals(
        "latent_size",
        assertThrows(AttentionFileException.class, () -> AttentionFile.read(noLatent)).culprit());
  }
}
