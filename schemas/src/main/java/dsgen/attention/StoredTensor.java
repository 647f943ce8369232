package dsgen.attention;

import java.util.Arrays;

/**
 * How a tensor sits in its file: the shape it decodes to, how it is stored ({@code F16}, {@code
 * F32}, {@code BF16} or a {@link TensorEncoding#describe()}) and its bytes in the data section.
 */
public record StoredTensor(String name, int[] shape, String storage, long storedBytes) {
  public StoredTensor {
    shape = shape.clone();
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  /** Bytes of the tensor as dense float16 (what the lossless file stores). */
  public long float16Bytes() {
    long n = 2;
    for (int d : shape) {
      n *= d;
    }
    return n;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoredTensor s
        && s.name.equals(name)
        && Arrays.equals(s.shape, shape)
        && s.storage.equals(storage)
        && s.storedBytes == storedBytes;
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(shape);
  }

  @Override
  public String toString() {
    return name + " " + Arrays.toString(shape) + " " + storage + " " + storedBytes + " B";
  }
}
