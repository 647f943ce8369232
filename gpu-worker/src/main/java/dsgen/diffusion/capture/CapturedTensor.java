package dsgen.diffusion.capture;

/** One finished tensor of an attention file: name, shape and float32 values in C order. */
public record CapturedTensor(String name, long[] shape, float[] values) {
  /** The shape as the attention file writer takes it. */
  public int[] intShape() {
    int[] out = new int[shape.length];
    for (int i = 0; i < shape.length; i++) {
      out[i] = Math.toIntExact(shape[i]);
    }
    return out;
  }
}
