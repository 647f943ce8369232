package dsgen.masks.pamr;

/**
 * PAMR settings: iterations, dilations of the 3×3 neighbourhoods, and the factor on the local
 * standard deviation that scales the affinities. Original (1-stage-wseg): 10, [1,2,4,8,12,24], 0.1;
 * SeeDiff code: 5000, [1], 0.2.
 */
public record PamrParams(int iterations, int[] dilations, double stdFactor) {
  public PamrParams {
    if (iterations < 0) {
      throw new IllegalArgumentException("PAMR iterations must be >= 0, got " + iterations);
    }
    if (dilations.length == 0) {
      throw new IllegalArgumentException("PAMR needs at least one dilation");
    }
    for (int d : dilations) {
      if (d < 1) {
        throw new IllegalArgumentException("PAMR dilations must be >= 1, got " + d);
      }
    }
    if (!(stdFactor > 0)) {
      throw new IllegalArgumentException("PAMR std factor must be > 0, got " + stdFactor);
    }
    dilations = dilations.clone();
  }

  /**
   * Neighbour offsets (dy, dx): for each dilation the 8 non-centre taps of its 3×3 kernel,
   * row-major.
   */
  int[][] offsets() {
    int[][] out = new int[8 * dilations.length][];
    int k = 0;
    for (int d : dilations) {
      for (int ky = -1; ky <= 1; ky++) {
        for (int kx = -1; kx <= 1; kx++) {
          if (ky != 0 || kx != 0) {
            out[k++] = new int[] {ky * d, kx * d};
          }
        }
      }
    }
    return out;
  }
}
