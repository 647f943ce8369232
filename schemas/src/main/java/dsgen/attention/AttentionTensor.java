package dsgen.attention;

import dsgen.tensor.Half;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.util.Arrays;

/**
 * One tensor of an attention file, left in the file's bytes: float16 and bfloat16 stay 16-bit and
 * are widened only as they are read, so a 4096² map is never copied to float32 or float64. Reads go
 * by "rows": the last axis is a row, the leading axes are flattened (row {@code l*N + p} of a
 * {@code [L, N, T]} tensor is token vector p of layer l). Instances are safe for concurrent reads.
 */
public final class AttentionTensor {
  private static final int SCRATCH = 8192;
  private static final ThreadLocal<short[]> BITS =
      ThreadLocal.withInitial(() -> new short[SCRATCH]);

  private final String name;
  private final DType dtype;
  private final int[] shape;
  private final int rowLength;
  private final int rows;
  private final FloatBuffer f32;
  private final ShortBuffer bits16;

  AttentionTensor(String name, DType dtype, int[] shape, ByteBuffer data) {
    this.name = name;
    this.dtype = dtype;
    this.shape = shape.clone();
    long size = 1;
    for (int d : shape) {
      size *= d;
    }
    this.rowLength = shape.length == 0 ? 1 : shape[shape.length - 1];
    this.rows = rowLength == 0 ? 0 : (int) (size / rowLength);
    ByteBuffer le = data.slice().order(ByteOrder.LITTLE_ENDIAN);
    this.f32 = dtype == DType.F32 ? le.asFloatBuffer() : null;
    this.bits16 = dtype == DType.F32 ? null : le.asShortBuffer();
  }

  /** An in-memory float32 tensor (tests, and callers that build maps themselves). */
  public static AttentionTensor of(String name, int[] shape, float[] values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(values);
    return new AttentionTensor(name, DType.F32, shape, b);
  }

  public String name() {
    return name;
  }

  public DType dtype() {
    return dtype;
  }

  public int[] shape() {
    return shape.clone();
  }

  public int rank() {
    return shape.length;
  }

  public int dim(int axis) {
    return shape[axis];
  }

  /** Number of rows (product of all axes but the last). */
  public int rows() {
    return rows;
  }

  /** Length of a row (the last axis). */
  public int rowLength() {
    return rowLength;
  }

  public long size() {
    return (long) rows * rowLength;
  }

  /** Element at a flat row-major index. */
  public float get(long index) {
    int i = Math.toIntExact(index);
    return switch (dtype) {
      case F32 -> f32.get(i);
      case F16 -> Half.f16ToFloat(bits16.get(i));
      case BF16 -> Half.bf16ToFloat(bits16.get(i));
    };
  }

  /** Element {@code [row, col]} with rows as defined above. */
  public float get(int row, int col) {
    return get((long) row * rowLength + col);
  }

  /** Widens row {@code row} into {@code dst[0 .. rowLength)}. */
  public void readRow(int row, float[] dst) {
    read((long) row * rowLength, dst, 0, rowLength);
  }

  /** Widens {@code length} elements from flat index {@code from} into {@code dst[offset ..]}. */
  public void read(long from, float[] dst, int offset, int length) {
    int start = Math.toIntExact(from);
    if (dtype == DType.F32) {
      f32.get(start, dst, offset, length);
      return;
    }
    short[] scratch = BITS.get();
    boolean bf16 = dtype == DType.BF16;
    for (int done = 0; done < length; done += SCRATCH) {
      int n = Math.min(SCRATCH, length - done);
      bits16.get(start + done, scratch, 0, n);
      int base = offset + done;
      if (bf16) {
        for (int i = 0; i < n; i++) {
          dst[base + i] = Half.bf16ToFloat(scratch[i]);
        }
      } else {
        for (int i = 0; i < n; i++) {
          dst[base + i] = Half.f16ToFloat(scratch[i]);
        }
      }
    }
  }

  /**
   * The raw 16-bit patterns of row {@code row} (F16 or BF16 tensors), for kernels that widen while
   * they compute.
   *
   * @throws IllegalStateException for a float32 tensor
   */
  public void readRowBits(int row, short[] dst) {
    if (bits16 == null) {
      throw new IllegalStateException("tensor " + name + " is " + dtype + ", not 16-bit");
    }
    bits16.get(row * rowLength, dst, 0, rowLength);
  }

  /** Widens row {@code row} into {@code dst[0 .. rowLength)} as float64. */
  public void readRow(int row, double[] dst) {
    read((long) row * rowLength, dst, 0, rowLength);
  }

  /**
   * Widens {@code length} elements from flat index {@code from} into {@code dst[offset ..]} as
   * float64.
   */
  public void read(long from, double[] dst, int offset, int length) {
    int start = Math.toIntExact(from);
    if (dtype == DType.F32) {
      for (int i = 0; i < length; i++) {
        dst[offset + i] = f32.get(start + i);
      }
      return;
    }
    short[] scratch = BITS.get();
    boolean bf16 = dtype == DType.BF16;
    for (int done = 0; done < length; done += SCRATCH) {
      int n = Math.min(SCRATCH, length - done);
      bits16.get(start + done, scratch, 0, n);
      int base = offset + done;
      if (bf16) {
        for (int i = 0; i < n; i++) {
          dst[base + i] = Half.bf16ToFloat(scratch[i]);
        }
      } else {
        for (int i = 0; i < n; i++) {
          dst[base + i] = Half.f16ToDouble(scratch[i]);
        }
      }
    }
  }

  /**
   * Copy of the whole tensor as float. Only for small tensors (cross-attention maps, features);
   * self-attention maps are read row by row instead.
   */
  public float[] toFloatArray() {
    float[] out = new float[Math.toIntExact(size())];
    read(0, out, 0, out.length);
    return out;
  }

  /** Flat index of the first NaN or infinity, or -1. */
  long firstNonFinite() {
    long n = size();
    if (dtype == DType.F32) {
      for (int i = 0; i < n; i++) {
        if (!Float.isFinite(f32.get(i))) {
          return i;
        }
      }
      return -1;
    }
    short[] scratch = BITS.get();
    boolean bf16 = dtype == DType.BF16;
    for (long done = 0; done < n; done += SCRATCH) {
      int len = (int) Math.min(SCRATCH, n - done);
      bits16.get((int) done, scratch, 0, len);
      for (int i = 0; i < len; i++) {
        if (bf16 ? Half.bf16IsNonFinite(scratch[i]) : Half.f16IsNonFinite(scratch[i])) {
          return done + i;
        }
      }
    }
    return -1;
  }

  @Override
  public String toString() {
    return name + " " + dtype + " " + Arrays.toString(shape);
  }
}
