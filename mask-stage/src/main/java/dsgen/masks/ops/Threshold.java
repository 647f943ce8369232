package dsgen.masks.ops;

/** Binary decisions on soft maps. */
public final class Threshold {
  private Threshold() {}

  /** {@code x > t}. */
  public static boolean[] above(double[] x, double t) {
    boolean[] out = new boolean[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i] > t;
    }
    return out;
  }

  /** {@code x >= t}. */
  public static boolean[] atLeast(double[] x, double t) {
    boolean[] out = new boolean[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i] >= t;
    }
    return out;
  }

  /** {@code x > t} as 1.0 / 0.0 (the binary mask PAMR refines in the SeeDiff code). */
  public static double[] aboveAsMask(double[] x, double t) {
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i] > t ? 1.0 : 0.0;
    }
    return out;
  }
}
