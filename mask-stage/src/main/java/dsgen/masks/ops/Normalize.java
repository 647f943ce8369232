package dsgen.masks.ops;

/**
 * Min-max and max normalisation. The official codes divide by zero on a constant map (NaN); here a
 * constant map becomes zeros and is logged, as docs/algorithms.md#normalisation explains.
 */
public final class Normalize {
  private static final System.Logger LOG = System.getLogger(Normalize.class.getName());

  private Normalize() {}

  /** (x − min) / (max − min); zeros when x is constant. */
  public static double[] minMax(double[] x) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : x) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    double range = hi - lo;
    double[] out = new double[x.length];
    if (!(range > 0) || !Double.isFinite(range)) {
      LOG.log(
          System.Logger.Level.INFO,
          "min-max of a constant map of {0} values: zeros instead of NaN",
          x.length);
      return out;
    }
    for (int i = 0; i < x.length; i++) {
      out[i] = (x[i] - lo) / range;
    }
    return out;
  }

  /** x / max x; zeros when the maximum is not positive. */
  public static double[] maxNorm(double[] x) {
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : x) {
      hi = Math.max(hi, v);
    }
    double[] out = new double[x.length];
    if (!(hi > 0)) {
      LOG.log(
          System.Logger.Level.INFO,
          "max-normalisation of a map without positive values: zeros instead of NaN");
      return out;
    }
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i] / hi;
    }
    return out;
  }
}
