package dsgen.tensor;

/**
 * IEEE binary16 and bfloat16 to float. Binary16 goes through a 64 Ki-entry table (256 KiB, fits in
 * L2): a table load is cheaper than the branchy bit arithmetic for subnormals, which softmax
 * probabilities often are.
 */
public final class Half {
  private static final float[] F16 = new float[1 << 16];

  /** The same table widened, for readers that compute in float64 (512 KiB). */
  private static final double[] F16_DOUBLE = new double[1 << 16];

  static {
    for (int bits = 0; bits < F16.length; bits++) {
      F16[bits] = decode(bits);
      F16_DOUBLE[bits] = F16[bits];
    }
  }

  private Half() {}

  /** Binary16 bits (low 16 bits of the argument) as float; exact. */
  public static float f16ToFloat(int bits) {
    return F16[bits & 0xFFFF];
  }

  /** Binary16 bits as double; exact. */
  public static double f16ToDouble(int bits) {
    return F16_DOUBLE[bits & 0xFFFF];
  }

  /** bfloat16 bits as float; exact. */
  public static float bf16ToFloat(int bits) {
    return Float.intBitsToFloat((bits & 0xFFFF) << 16);
  }

  /** Whether binary16 bits encode NaN or an infinity. */
  public static boolean f16IsNonFinite(int bits) {
    return (bits & 0x7C00) == 0x7C00;
  }

  /** Whether bfloat16 bits encode NaN or an infinity. */
  public static boolean bf16IsNonFinite(int bits) {
    return (bits & 0x7F80) == 0x7F80;
  }

  /**
   * Float to the nearest binary16 (round half to even, as numpy and torch cast): how attention
   * files store maps.
   */
  public static short floatToF16(float f) {
    int x = Float.floatToRawIntBits(f);
    int sign = (x >>> 16) & 0x8000;
    int exp = (x >>> 23) & 0xFF;
    int mant = x & 0x7FFFFF;
    if (exp == 0xFF) {
      return (short) (sign | 0x7C00 | (mant != 0 ? 0x200 : 0));
    }
    int e = exp - 127 + 15;
    if (e >= 0x1F) {
      return (short) (sign | 0x7C00);
    }
    if (e <= 0) {
      if (e < -10) {
        return (short) sign;
      }
      mant |= 0x800000;
      int shift = 14 - e;
      int half = mant >> shift;
      int rem = mant & ((1 << shift) - 1);
      int mid = 1 << (shift - 1);
      if (rem > mid || (rem == mid && (half & 1) == 1)) {
        half++;
      }
      return (short) (sign | half);
    }
    int half = (e << 10) | (mant >> 13);
    int rem = mant & 0x1FFF;
    if (rem > 0x1000 || (rem == 0x1000 && (half & 1) == 1)) {
      half++;
    }
    return (short) (sign | half);
  }

  /** Float to the nearest bfloat16 (round half to even; NaN stays NaN). */
  public static short floatToBf16(float f) {
    int x = Float.floatToRawIntBits(f);
    if (Float.isNaN(f)) {
      return (short) ((x >>> 16) | 0x40);
    }
    return (short) ((x + 0x7FFF + ((x >>> 16) & 1)) >>> 16);
  }

  private static float decode(int bits) {
    boolean negative = (bits & 0x8000) != 0;
    int exp = (bits >>> 10) & 0x1F;
    int mant = bits & 0x3FF;
    if (exp == 0) {
      float subnormal = mant * 0x1p-24f;
      return negative ? -subnormal : subnormal;
    }
    if (exp == 0x1F) {
      return mant != 0 ? Float.NaN : negative ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
    }
    return Float.intBitsToFloat(((bits & 0x8000) << 16) | ((exp - 15 + 127) << 23) | (mant << 13));
  }
}
