package dsgen.masks.pcc;

/**
 * Combines the label maps of every (cluster count, confidence) pair (docs/algorithms.md#pcc-blocky,
 * step 3): per position the most frequent label (smallest label on ties); when its share of the
 * votes is below {@code agreement} the position becomes 255 (ignore).
 */
public final class ConsensusVote {
  /** Label of positions without enough agreement. */
  public static final int IGNORE = 255;

  private ConsensusVote() {}

  public static int[] of(int[][] votes, double agreement) {
    if (votes.length == 0) {
      throw new IllegalArgumentException("no label maps to vote over");
    }
    int n = votes[0].length;
    int[] out = new int[n];
    int[] column = new int[votes.length];
    for (int p = 0; p < n; p++) {
      for (int v = 0; v < votes.length; v++) {
        column[v] = votes[v][p];
      }
      int mode = 0;
      int modeCount = 0;
      for (int v = 0; v < votes.length; v++) {
        int candidate = column[v];
        int count = 0;
        for (int w = 0; w < votes.length; w++) {
          if (column[w] == candidate) {
            count++;
          }
        }
        if (count > modeCount || (count == modeCount && candidate < mode)) {
          mode = candidate;
          modeCount = count;
        }
      }
      out[p] = (double) modeCount / votes.length < agreement ? IGNORE : mode;
    }
    return out;
  }
}
