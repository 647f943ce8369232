package dsgen.attention;

import static dsgen.attention.AttentionProblem.MALFORMED;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;
import dsgen.tensor.Half;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Encoder and decoder of the {@link TensorEncoding} streams. An encoded tensor is its streams, one
 * after the other, compressed with zstd at level {@value #ZSTD_LEVEL}:
 *
 * <ul>
 *   <li>{@code topk-blocks}, N rows, k, G = (r/b)² blocks: key indices u16 [N·k], values float16
 *       [N·k], lo f32 [N], hi f32 [N], block codes u8 [N·G];
 *   <li>{@code q8-rows} / {@code q8-columns}, with Q groups: lo f32 [Q], hi f32 [Q], codes u8 in
 *       the tensor's C order.
 * </ul>
 *
 * A code c of a group stands for {@code lo + c·(hi − lo)/255}, so the quantisation error is at most
 * (hi − lo)/510 per element. The components can be computed elsewhere (the worker computes them on
 * its device) and packed here: {@link #pack(TensorEncoding, TopKBlocks)}, {@link
 * #pack(TensorEncoding, Quantized)}; {@link #encode} computes them on the CPU with the same rules.
 */
public final class CompactCodec {
  /** zstd level: level 3 (zstd's default) is within a few percent of level 19 on these streams. */
  public static final int ZSTD_LEVEL = 3;

  /**
   * The components of a {@code topk-blocks} map, row-major.
   *
   * @param indices key index of each kept entry [N·k] (read unsigned)
   * @param valueBits float16 bits of each kept entry [N·k]
   * @param lo the smallest block mean of each row [N]
   * @param hi the largest block mean of each row [N]
   * @param codes 8-bit block means [N·G]
   */
  public record TopKBlocks(
      short[] indices, short[] valueBits, float[] lo, float[] hi, byte[] codes) {}

  /**
   * The components of a q8 tensor.
   *
   * @param lo the smallest value of each group
   * @param hi the largest value of each group
   * @param codes one code per element, C order
   */
  public record Quantized(float[] lo, float[] hi, byte[] codes) {}

  private CompactCodec() {}

  /** Encodes dense values (C order) with {@code spec} on the CPU. */
  public static byte[] encode(TensorEncoding spec, float[] values) {
    if (values.length != spec.size()) {
      throw new IllegalArgumentException(
          values.length + " values for " + spec + " (" + spec.size() + " elements)");
    }
    return switch (spec.kind()) {
      case TOPK_BLOCKS -> pack(spec, topkBlocks(spec, values));
      case Q8_ROWS, Q8_COLUMNS -> pack(spec, quantize(spec, values));
    };
  }

  /** The 8-bit code of v in [lo, hi]: round((v − lo)/(hi − lo)·255), half to even; 0 when flat. */
  public static int code(float v, float lo, float hi) {
    if (!(hi > lo)) {
      return 0;
    }
    long c = (long) Math.rint((v - lo) / (hi - lo) * 255f);
    return (int) Math.max(0, Math.min(255, c));
  }

  /** The value code c stands for. */
  public static float value(int c, float lo, float hi) {
    return lo + c * ((hi - lo) / 255f);
  }

  /** The components of {@code spec.kind() = TOPK_BLOCKS} for a dense map. */
  public static TopKBlocks topkBlocks(TensorEncoding spec, float[] values) {
    int n = spec.shape()[0];
    int k = spec.k();
    int g = spec.blocksPerRow();
    int[] blockOf = blockOf(spec);
    int[] indices = new int[n * k];
    float[] topValues = new float[n * k];
    float[] blockSums = new float[n * g];
    int[] top = new int[k];
    double[] sums = new double[g];
    for (int i = 0; i < n; i++) {
      int base = i * n;
      topK(values, base, n, top);
      Arrays.fill(sums, 0);
      for (int j = 0; j < n; j++) {
        sums[blockOf[j]] += values[base + j];
      }
      for (int b = 0; b < g; b++) {
        blockSums[i * g + b] = (float) sums[b];
      }
      for (int t = 0; t < k; t++) {
        indices[i * k + t] = top[t];
        topValues[i * k + t] = values[base + top[t]];
      }
    }
    return topkBlocks(spec, indices, topValues, blockSums);
  }

  /**
   * The components of a {@code topk-blocks} map from what a device computes: per row the k largest
   * entries (key index and value, [N·k]) and the sums of every b×b key block of the full row
   * ([N·G], blocks row-major over the (r/b)×(r/b) grid). The kept entries are taken out of their
   * blocks' sums here; each block then stands for the mean of its other entries.
   */
  public static TopKBlocks topkBlocks(
      TensorEncoding spec, int[] topIndices, float[] topValues, float[] blockSums) {
    int n = spec.shape()[0];
    int k = spec.k();
    int g = spec.blocksPerRow();
    check(topIndices.length == n * k && topValues.length == n * k, "top-k entries", spec);
    check(blockSums.length == n * g, "block sums", spec);
    int[] blockOf = blockOf(spec);
    int cell = spec.block() * spec.block();
    short[] indices = new short[n * k];
    short[] bits = new short[n * k];
    float[] lo = new float[n];
    float[] hi = new float[n];
    byte[] codes = new byte[n * g];
    double[] sums = new double[g];
    int[] counts = new int[g];
    float[] means = new float[g];
    for (int i = 0; i < n; i++) {
      for (int b = 0; b < g; b++) {
        sums[b] = blockSums[i * g + b];
      }
      Arrays.fill(counts, cell);
      for (int t = 0; t < k; t++) {
        int j = topIndices[i * k + t];
        if (j < 0 || j >= n) {
          throw new IllegalArgumentException("row " + i + ": top-k key " + j + " outside " + n);
        }
        indices[i * k + t] = (short) j;
        bits[i * k + t] = Half.floatToF16(topValues[i * k + t]);
        sums[blockOf[j]] -= topValues[i * k + t];
        counts[blockOf[j]]--;
      }
      float min = Float.POSITIVE_INFINITY;
      float max = Float.NEGATIVE_INFINITY;
      for (int b = 0; b < g; b++) {
        means[b] = counts[b] == 0 ? 0f : (float) (sums[b] / counts[b]);
        min = Math.min(min, means[b]);
        max = Math.max(max, means[b]);
      }
      lo[i] = min;
      hi[i] = max;
      for (int b = 0; b < g; b++) {
        codes[i * g + b] = (byte) code(means[b], min, max);
      }
    }
    return new TopKBlocks(indices, bits, lo, hi, codes);
  }

  /** The components of a q8 encoding for dense values. */
  public static Quantized quantize(TensorEncoding spec, float[] values) {
    int q = spec.groups();
    float[] lo = new float[q];
    float[] hi = new float[q];
    Arrays.fill(lo, Float.POSITIVE_INFINITY);
    Arrays.fill(hi, Float.NEGATIVE_INFINITY);
    byte[] codes = new byte[values.length];
    GroupIndex index = new GroupIndex(spec);
    for (int e = 0; e < values.length; e++) {
      int gi = index.group(e);
      lo[gi] = Math.min(lo[gi], values[e]);
      hi[gi] = Math.max(hi[gi], values[e]);
    }
    for (int e = 0; e < values.length; e++) {
      int gi = index.group(e);
      codes[e] = (byte) code(values[e], lo[gi], hi[gi]);
    }
    return new Quantized(lo, hi, codes);
  }

  public static byte[] pack(TensorEncoding spec, TopKBlocks c) {
    if (spec.kind() != TensorEncoding.Kind.TOPK_BLOCKS) {
      throw new IllegalArgumentException(spec + " is not topk-blocks");
    }
    int n = spec.shape()[0];
    int nk = n * spec.k();
    check(c.indices().length == nk && c.valueBits().length == nk, "top-k entries", spec);
    check(c.lo().length == n && c.hi().length == n, "row ranges", spec);
    check(c.codes().length == n * spec.blocksPerRow(), "block codes", spec);
    ByteBuffer b = ByteBuffer.allocate(spec.rawLength()).order(ByteOrder.LITTLE_ENDIAN);
    b.asShortBuffer().put(c.indices());
    b.position(nk * 2);
    b.asShortBuffer().put(c.valueBits());
    b.position(nk * 4);
    b.asFloatBuffer().put(c.lo()).put(c.hi());
    b.position(nk * 4 + n * 8);
    b.put(c.codes());
    return Zstd.compress(b.array(), ZSTD_LEVEL);
  }

  public static byte[] pack(TensorEncoding spec, Quantized c) {
    if (spec.kind() == TensorEncoding.Kind.TOPK_BLOCKS) {
      throw new IllegalArgumentException(spec + " is not a q8 encoding");
    }
    int q = spec.groups();
    check(c.lo().length == q && c.hi().length == q, "group ranges", spec);
    check(c.codes().length == spec.size(), "codes", spec);
    ByteBuffer b = ByteBuffer.allocate(spec.rawLength()).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(c.lo()).put(c.hi());
    b.position(q * 8);
    b.put(c.codes());
    return Zstd.compress(b.array(), ZSTD_LEVEL);
  }

  /**
   * Decodes a stored tensor into dense float32 values (C order).
   *
   * @throws AttentionFormatException MALFORMED when the bytes are not what {@code spec} announces
   */
  public static float[] decode(String name, TensorEncoding spec, ByteBuffer stored) {
    byte[] compressed = new byte[stored.remaining()];
    stored.duplicate().get(compressed);
    byte[] raw;
    try {
      raw = Zstd.decompress(compressed, spec.rawLength());
    } catch (ZstdException | IllegalArgumentException e) {
      throw malformed(name, spec, "not zstd data (" + e.getMessage() + ")");
    }
    if (raw.length != spec.rawLength()) {
      throw malformed(name, spec, raw.length + " bytes decompressed, " + spec.rawLength() + " due");
    }
    ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[Math.toIntExact(spec.size())];
    if (spec.kind() == TensorEncoding.Kind.TOPK_BLOCKS) {
      decodeTopkBlocks(name, spec, b, out);
    } else {
      int q = spec.groups();
      GroupIndex index = new GroupIndex(spec);
      int codes = q * 8;
      for (int e = 0; e < out.length; e++) {
        int g = index.group(e);
        out[e] = value(raw[codes + e] & 0xff, b.getFloat(g * 4), b.getFloat((q + g) * 4));
      }
    }
    return out;
  }

  private static void decodeTopkBlocks(
      String name, TensorEncoding spec, ByteBuffer b, float[] out) {
    int n = spec.shape()[0];
    int k = spec.k();
    int g = spec.blocksPerRow();
    int[] blockOf = blockOf(spec);
    int nk = n * k;
    int loAt = nk * 4;
    int codesAt = loAt + n * 8;
    float[] blockValues = new float[g];
    for (int i = 0; i < n; i++) {
      float lo = b.getFloat(loAt + i * 4);
      float hi = b.getFloat(loAt + (n + i) * 4);
      for (int x = 0; x < g; x++) {
        blockValues[x] = value(b.get(codesAt + i * g + x) & 0xff, lo, hi);
      }
      int base = i * n;
      for (int j = 0; j < n; j++) {
        out[base + j] = blockValues[blockOf[j]];
      }
      for (int t = 0; t < k; t++) {
        int j = b.getShort((i * k + t) * 2) & 0xffff;
        if (j >= n) {
          throw malformed(name, spec, "row " + i + " keeps key " + j + " of " + n);
        }
        out[base + j] = Half.f16ToFloat(b.getShort((nk + i * k + t) * 2));
      }
    }
  }

  /** Block of each key of an r×r grid: (y/b)·(r/b) + x/b. */
  private static int[] blockOf(TensorEncoding spec) {
    int r = TensorEncoding.side(spec.shape());
    int b = spec.block();
    int perSide = r / b;
    int[] out = new int[r * r];
    for (int j = 0; j < out.length; j++) {
      out[j] = (j / r / b) * perSide + (j % r) / b;
    }
    return out;
  }

  /** The k largest entries of values[base .. base+n), ties to the lower index, largest first. */
  private static void topK(float[] values, int base, int n, int[] top) {
    int k = top.length;
    int filled = 0;
    for (int j = 0; j < n; j++) {
      float v = values[base + j];
      if (filled == k && !(v > values[base + top[k - 1]])) {
        continue;
      }
      int at = Math.min(filled, k - 1);
      while (at > 0 && v > values[base + top[at - 1]]) {
        top[at] = top[at - 1];
        at--;
      }
      top[at] = j;
      filled = Math.min(k, filled + 1);
    }
  }

  /** Group of a flat element index: its row, or its column within the trailing [N, T] matrix. */
  private static final class GroupIndex {
    private final boolean rows;
    private final int t;
    private final int nt;

    GroupIndex(TensorEncoding spec) {
      int[] s = spec.shape();
      this.rows = spec.kind() == TensorEncoding.Kind.Q8_ROWS;
      this.t = spec.rowLength();
      this.nt = s.length < 2 ? t : s[s.length - 2] * t;
    }

    int group(int e) {
      return rows ? e / t : (e / nt) * t + e % t;
    }
  }

  private static void check(boolean ok, String what, TensorEncoding spec) {
    if (!ok) {
      throw new IllegalArgumentException(what + " do not match " + spec);
    }
  }

  private static AttentionFormatException malformed(String name, TensorEncoding spec, String what) {
    return new AttentionFormatException(
        MALFORMED, name, "tensor " + name + " (" + spec.describe() + "): " + what);
  }
}
