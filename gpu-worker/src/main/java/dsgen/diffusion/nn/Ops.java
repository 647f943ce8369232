package dsgen.diffusion.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Functional building blocks on NDArrays. Every result is created by an operation on the activation
 * (never on a weight first), so it belongs to the activation's manager/scope and is freed with it.
 */
public final class Ops {
  private Ops() {}

  /** x [..., in] · Wᵀ + b; {@code bias} may be null. */
  public static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
    return Linear.linear(x, weight, bias).singletonOrThrow();
  }

  public static NDArray conv2d(NDArray x, NDArray weight, NDArray bias, int stride, int padding) {
    return Conv2d.conv2d(
            x,
            weight,
            bias,
            new Shape(stride, stride),
            new Shape(padding, padding),
            new Shape(1, 1))
        .singletonOrThrow();
  }

  /** LayerNorm over the last axis. */
  public static NDArray layerNorm(NDArray x, NDArray gamma, NDArray beta, float eps) {
    return LayerNorm.layerNorm(
            x, new Shape(x.getShape().get(x.getShape().dimension() - 1)), gamma, beta, eps)
        .singletonOrThrow();
  }

  /**
   * GroupNorm of NCHW {@code x}: normalise each of {@code groups} channel groups over (channels of
   * the group, H, W), then scale and shift per channel.
   */
  public static NDArray groupNorm(NDArray x, int groups, NDArray gamma, NDArray beta, float eps) {
    Shape s = x.getShape();
    long n = s.get(0);
    long c = s.get(1);
    long perGroup = s.size() / (n * groups);
    NDArray grouped = x.reshape(n, groups, perGroup);
    NDArray ones = Unit.ONES.of(x, perGroup);
    NDArray zeros = Unit.ZEROS.of(x, perGroup);
    NDArray normed =
        LayerNorm.layerNorm(grouped, new Shape(perGroup), ones, zeros, eps).singletonOrThrow();
    NDArray back = normed.reshape(s);
    Shape channel = new Shape(c, 1, 1);
    return back.mul(gamma.reshape(channel)).add(beta.reshape(channel));
  }

  /** Exact (erf) GELU, as torch's default. */
  public static NDArray gelu(NDArray x) {
    return x.getNDArrayInternal().gelu();
  }

  /** CLIP's quick GELU: x·sigmoid(1.702x). */
  public static NDArray quickGelu(NDArray x) {
    return x.mul(x.mul(1.702f).getNDArrayInternal().sigmoid());
  }

  public static NDArray silu(NDArray x) {
    return x.mul(x.getNDArrayInternal().sigmoid());
  }

  /** Nearest-neighbour ×2 upsampling of NCHW (each pixel repeated on both axes). */
  public static NDArray upsampleNearest2x(NDArray x) {
    return x.repeat(2, 2).repeat(3, 2);
  }

  public static NDArray concatChannels(NDArray a, NDArray b) {
    return NDArrays.concat(new ai.djl.ndarray.NDList(a, b), 1);
  }

  /**
   * Constant ones/zeros vectors for the GroupNorm-as-LayerNorm trick, cached per (length, dtype,
   * device). They live in a manager of their own that is never closed: a handful of small vectors.
   */
  private enum Unit {
    ONES,
    ZEROS;

    private final Map<String, NDArray> cache = new ConcurrentHashMap<>();
    private static final ai.djl.ndarray.NDManager HOLDER =
        ai.djl.ndarray.NDManager.newBaseManager();

    NDArray of(NDArray like, long length) {
      String key = length + "/" + like.getDataType() + "/" + like.getDevice();
      return cache.computeIfAbsent(
          key,
          k -> {
            ai.djl.ndarray.NDManager m = HOLDER.newSubManager(like.getDevice());
            NDArray v =
                this == ONES
                    ? m.ones(new Shape(length), like.getDataType())
                    : m.zeros(new Shape(length), like.getDataType());
            ai.djl.ndarray.NDScope.unregister(v);
            return v;
          });
    }
  }
}
