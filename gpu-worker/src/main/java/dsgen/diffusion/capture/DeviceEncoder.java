package dsgen.diffusion.capture;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import dsgen.attention.CompactCodec;
import dsgen.attention.TensorEncoding;

/**
 * Computes a {@link TensorEncoding}'s components with NDArray ops on the device the map lives on,
 * so only the components are copied to the host, where {@link CompactCodec} packs them. For a
 * {@code topk-blocks} map the device finds the top-k entries and the b×b block sums of every row
 * (4096² → 4096×(k + 256) values at SD2 scale); the host takes the kept entries out of their blocks
 * and quantises the block means with the contract's rule. q8 encodings are quantised on the device
 * with the same rule ({@link CompactCodec#code}: round half to even of (v − lo)/(hi − lo)·255).
 */
final class DeviceEncoder {
  private DeviceEncoder() {}

  /**
   * The stored bytes of {@code map} (float32, on its device; not closed) encoded as {@code spec}.
   */
  static byte[] encode(NDArray map, TensorEncoding spec) {
    return switch (spec.kind()) {
      case TOPK_BLOCKS -> topkBlocks(map, spec);
      case Q8_ROWS -> quantized(map, spec, map.getShape().dimension() - 1);
      case Q8_COLUMNS -> quantized(map, spec, map.getShape().dimension() - 2);
    };
  }

  private static byte[] topkBlocks(NDArray map, TensorEncoding spec) {
    int n = spec.shape()[0];
    int r = (int) Math.round(Math.sqrt(n));
    int b = spec.block();
    int[] indices;
    float[] values;
    float[] sums;
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      NDList top = map.topK(spec.k(), 1, true, true);
      boolean indicesFirst = top.get(0).getDataType().isInteger();
      NDArray v = top.get(indicesFirst ? 1 : 0);
      NDArray i = top.get(indicesFirst ? 0 : 1);
      indices = i.toType(DataType.INT32, false).toIntArray();
      values = v.toFloatArray();
      sums = map.reshape(n, r / b, b, r / b, b).sum(new int[] {2, 4}).toFloatArray();
    }
    return CompactCodec.pack(spec, CompactCodec.topkBlocks(spec, indices, values, sums));
  }

  private static byte[] quantized(NDArray map, TensorEncoding spec, int axis) {
    int[] axes = {axis};
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      NDArray lo = map.min(axes, true);
      NDArray hi = map.max(axes, true);
      NDArray range = hi.sub(lo);
      // a flat group (hi = lo) divides by 1: every code is 0, as the contract's rule says
      NDArray denom = range.add(range.eq(0).toType(DataType.FLOAT32, false));
      NDArray codes =
          map.sub(lo).div(denom).mul(255f).round().clip(0, 255).toType(DataType.UINT8, false);
      CompactCodec.Quantized q =
          new CompactCodec.Quantized(lo.toFloatArray(), hi.toFloatArray(), codes.toByteArray());
      return CompactCodec.pack(spec, q);
    }
  }
}
