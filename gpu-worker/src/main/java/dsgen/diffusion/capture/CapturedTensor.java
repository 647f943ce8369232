package dsgen.diffusion.capture;

import dsgen.attention.TensorEncoding;

/**
 * One finished tensor of an attention file: name, shape and either its float32 values in C order
 * or, encoded on the device, its {@link TensorEncoding} and stored bytes ({@code values} null).
 */
public record CapturedTensor(
    String name, long[] shape, float[] values, TensorEncoding encoding, byte[] encoded) {
  public CapturedTensor(String name, long[] shape, float[] values) {
    this(name, shape, values, null, null);
  }

  /** A tensor the device already encoded. */
  public static CapturedTensor encoded(
      String name, long[] shape, TensorEncoding encoding, byte[] encoded) {
    return new CapturedTensor(name, shape, null, encoding, encoded);
  }

  public boolean isEncoded() {
    return encoding != null;
  }

  /** The shape as the attention file writer takes it. */
  public int[] intShape() {
    int[] out = new int[shape.length];
    for (int i = 0; i < shape.length; i++) {
      out[i] = Math.toIntExact(shape[i]);
    }
    return out;
  }
}
