package dsgen.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dsgen.tensor.Half;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CompactCodecTest {
  /** Row-softmax of random logits scaled so rows have a few dominant keys, like self-attention. */
  static float[] softmaxMap(int n, long seed) {
    Random rnd = new Random(seed);
    float[] out = new float[n * n];
    for (int i = 0; i < n; i++) {
      double sum = 0;
      double[] e = new double[n];
      for (int j = 0; j < n; j++) {
        e[j] = Math.exp(3 * rnd.nextGaussian());
        sum += e[j];
      }
      for (int j = 0; j < n; j++) {
        out[i * n + j] = (float) (e[j] / sum);
      }
    }
    return out;
  }

  @Test
  void topkBlocksKeepsTheLargestEntriesAndTheBlockMeansOfTheRest() {
    int r = 16;
    int n = r * r;
    int k = 4;
    int b = 4;
    float[] map = softmaxMap(n, 7);
    TensorEncoding spec = TensorEncoding.topkBlocks(new int[] {n, n}, k, b);
    float[] back = CompactCodec.decode("sa_mean_16", spec, ByteBuffer.wrap(encode(spec, map)));
    for (int i = 0; i < n; i++) {
      // the k largest entries of the row, found by sorting (independent of the codec's selection)
      int row = i;
      List<Integer> order =
          java.util.stream.IntStream.range(0, n)
              .boxed()
              .sorted((x, y) -> Float.compare(map[row * n + y], map[row * n + x]))
              .toList();
      Set<Integer> top = new HashSet<>(order.subList(0, k));
      double[] sum = new double[(r / b) * (r / b)];
      int[] count = new int[sum.length];
      for (int j = 0; j < n; j++) {
        int block = (j / r / b) * (r / b) + (j % r) / b;
        if (!top.contains(j)) {
          sum[block] += map[i * n + j];
          count[block]++;
        }
      }
      double lo = Double.MAX_VALUE;
      double hi = -Double.MAX_VALUE;
      for (int x = 0; x < sum.length; x++) {
        lo = Math.min(lo, sum[x] / count[x]);
        hi = Math.max(hi, sum[x] / count[x]);
      }
      // 8-bit codes over [lo, hi]: half a step, (hi − lo)/510, plus float32 rounding of the means
      double tolerance = (hi - lo) / 510 + 1e-6 * hi;
      for (int j = 0; j < n; j++) {
        float got = back[i * n + j];
        if (top.contains(j)) {
          assertEquals(Half.f16ToFloat(Half.floatToF16(map[i * n + j])), got, "top entry " + j);
        } else {
          int block = (j / r / b) * (r / b) + (j % r) / b;
          assertEquals(sum[block] / count[block], got, tolerance, "row " + i + " key " + j);
        }
      }
    }
  }

  @Test
  void q8RowsAndColumnsStayWithinHalfAStepOfTheirGroup() {
    Random rnd = new Random(3);
    int[] shape = {3, 64, 77};
    float[] v = new float[3 * 64 * 77];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (rnd.nextGaussian() * (1 + i % 77));
    }
    for (TensorEncoding spec :
        List.of(TensorEncoding.q8Rows(shape), TensorEncoding.q8Columns(shape))) {
      float[] back = CompactCodec.decode("x", spec, ByteBuffer.wrap(encode(spec, v)));
      boolean rows = spec.kind() == TensorEncoding.Kind.Q8_ROWS;
      Map<Integer, List<Integer>> groups =
          java.util.stream.IntStream.range(0, v.length)
              .boxed()
              .collect(Collectors.groupingBy(e -> rows ? e / 77 : (e / (64 * 77)) * 77 + e % 77));
      assertEquals(rows ? 3 * 64 : 3 * 77, groups.size());
      for (List<Integer> g : groups.values()) {
        double lo = g.stream().mapToDouble(e -> v[e]).min().orElseThrow();
        double hi = g.stream().mapToDouble(e -> v[e]).max().orElseThrow();
        double tolerance = (hi - lo) / 510 + 1e-6 * Math.max(Math.abs(lo), Math.abs(hi));
        for (int e : g) {
          assertEquals(v[e], back[e], tolerance, spec.describe() + " element " + e);
        }
      }
    }
  }

  @Test
  void aConstantRowDecodesExactly() {
    float[] v = new float[4 * 300];
    java.util.Arrays.fill(v, 0.25f);
    TensorEncoding spec = TensorEncoding.q8Rows(new int[] {4, 300});
    assertArrayEquals(v, CompactCodec.decode("x", spec, ByteBuffer.wrap(encode(spec, v))));
  }

  @Test
  void version2FileReadsBackThroughTheOneReaderWithItsEncodingsListed() {
    float[] sa = softmaxMap(256, 1);
    float[] ca = new float[256 * 77];
    for (int i = 0; i < ca.length; i++) {
      ca[i] = (i % 101) / 101f;
    }
    float[] small = softmaxMap(64, 2);
    AttentionMetadata meta = metadata(AttentionFormat.V2, List.of(16, 8));
    // the default thresholds scaled down to these sizes: top-k blocks from 256 keys on
    CompactEncoding small16 = new CompactEncoding(4, 4, 256, 256, true);
    AttentionWriter w =
        new AttentionWriter()
            .metadata(meta)
            .compact("sa_mean_16", new int[] {256, 256}, sa, small16)
            .compact("ca_mean_16", new int[] {256, 77}, ca, small16)
            .compact("sa_mean_8", new int[] {64, 64}, small, small16);
    byte[] file = w.toBytes();
    assertArrayEquals(file, w.toBytes(), "deterministic");
    AttentionContents c = AttentionReader.read(file);
    assertEquals(meta, c.metadata());
    Map<String, String> storage =
        c.stored().stream().collect(Collectors.toMap(StoredTensor::name, StoredTensor::storage));
    assertEquals(
        Map.of(
            "sa_mean_16", "topk-blocks(k=4, block=4)",
            "ca_mean_16", "q8-columns",
            "sa_mean_8", "F16"),
        storage);
    assertArrayEquals(new int[] {256, 256}, c.tensor("sa_mean_16").shape());
    long stored = c.stored().stream().mapToLong(StoredTensor::storedBytes).sum();
    long dense = c.stored().stream().mapToLong(StoredTensor::float16Bytes).sum();
    assertTrue(stored < dense / 3, stored + " of " + dense + " float16 bytes");
    float[] back = c.tensor("ca_mean_16").toFloatArray();
    for (int i = 0; i < ca.length; i++) {
      // a column spans at most [0, 100/101]: half a code step is at most (100/101)/510 (+ float32)
      assertEquals(ca[i], back[i], 100.0 / 101 / 510 + 1e-6);
    }
  }

  @Test
  void badEncodedFilesAreNamedErrors() {
    int[] shape = {256, 256};
    TensorEncoding spec = TensorEncoding.topkBlocks(shape, 4, 4);
    byte[] truncated = java.util.Arrays.copyOf(encode(spec, softmaxMap(256, 4)), 40);
    AttentionContents c =
        AttentionReader.read(
            new AttentionWriter()
                .metadata(metadata(AttentionFormat.V2, List.of(16)))
                .encoded("sa_mean_16", spec, truncated)
                .toBytes());
    AttentionFormatException e =
        assertThrows(AttentionFormatException.class, () -> c.tensor("sa_mean_16"));
    assertEquals(AttentionProblem.MALFORMED, e.problem());
    assertTrue(e.getMessage().contains("sa_mean_16"), e.getMessage());

    byte[] v1WithEncodings =
        new AttentionWriter()
            .metadata(metadata(AttentionFormat.V1, List.of(16)))
            .encoded("sa_mean_16", spec, encode(spec, softmaxMap(256, 4)))
            .toBytes();
    assertEquals(
        AttentionProblem.BAD_METADATA,
        assertThrows(AttentionFormatException.class, () -> AttentionReader.read(v1WithEncodings))
            .problem());

    byte[] unknown =
        new AttentionWriter()
            .metadata(metadata(AttentionFormat.V2, List.of(16)))
            .metadata(
                MetadataKeys.ENCODINGS,
                "{\"sa_mean_16\":{\"encoding\":\"lowrank\",\"shape\":[256,256]}}")
            .raw("sa_mean_16", "U8", new int[] {3}, new byte[3])
            .toBytes();
    AttentionFormatException u =
        assertThrows(AttentionFormatException.class, () -> AttentionReader.read(unknown));
    assertEquals(AttentionProblem.UNSUPPORTED_DTYPE, u.problem());
    assertTrue(u.getMessage().contains("lowrank"), u.getMessage());
  }

  @Test
  void planFollowsTheFamilies() {
    CompactEncoding d = CompactEncoding.DEFAULT;
    assertEquals(
        TensorEncoding.Kind.TOPK_BLOCKS,
        d.plan("sa_maxnorm_64", new int[] {4096, 4096}).orElseThrow().kind());
    assertEquals(
        TensorEncoding.Kind.Q8_ROWS,
        d.plan("sa_first_32", new int[] {1024, 1024}).orElseThrow().kind());
    assertEquals(
        TensorEncoding.Kind.Q8_COLUMNS,
        d.plan("ca_layers_64", new int[] {5, 4096, 77}).orElseThrow().kind());
    assertFalse(d.plan("sa_mean_8", new int[] {64, 64}).isPresent());
    assertFalse(d.plan("sa_mean_16", new int[] {256, 256}).isPresent());
    assertFalse(d.plan("pcc_features", new int[] {4096, 40}).isPresent());
    assertFalse(d.plan("ovam_64", new int[] {3, 64, 64}).isPresent());
    assertEquals(
        TensorEncoding.Kind.Q8_ROWS,
        CompactEncoding.DEFAULT
            .withTopk(0, 0)
            .plan("sa_mean_64", new int[] {4096, 4096})
            .orElseThrow()
            .kind());
  }

  private static byte[] encode(TensorEncoding spec, float[] values) {
    return CompactCodec.encode(spec, values);
  }

  private static AttentionMetadata metadata(String format, List<Integer> resolutions) {
    AttentionMetadata m = AttentionWriterTest.metadata();
    return new AttentionMetadata(
        format,
        m.prompt(),
        m.negativePrompt(),
        m.classPrompt(),
        m.descriptivePrompt(),
        m.tokenIds(),
        m.classes(),
        m.model(),
        m.scheduler(),
        m.steps(),
        m.timesteps(),
        m.guidanceScale(),
        m.seed(),
        resolutions.get(0),
        resolutions,
        m.dtype(),
        m.captureProfile(),
        m.sampler(),
        m.unetCalls());
  }
}
