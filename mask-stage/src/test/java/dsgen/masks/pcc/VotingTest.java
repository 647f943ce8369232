package dsgen.masks.pcc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class VotingTest {

  @Test
  void segmentTakesTheClassWithTheHighestIou() {
    // 4×1 strip of two segments: [0,1] and [2,3]
    ConnectedComponents segments = ConnectedComponents.of(new int[] {0, 0, 1, 1}, 4, 1);
    double[][] maps = {
      {1.0, 0.0, 0.0, 0.0}, // background region {0} above 1.2·0.5: IoU with segment 1 = 1/2
      {0.0, 0.9, 0.9, 0.0}, // class 8 region {1,2}: IoU 1/3 with both segments
      {0.0, 0.0, 0.0, 0.6}, // class 12 region {3}: IoU 1/2 with segment 2
    };
    ClassActivations act = new ClassActivations(maps, new int[] {0, 8, 12}, new int[] {-1, 0, 1});
    assertArrayEquals(new int[] {0, 0, 12, 12}, IouVoting.labels(segments, act, 0.5, 1.2));
    // at confidence 0.7, class 12 has no region; class 8 wins segment 2
    assertArrayEquals(new int[] {0, 0, 8, 8}, IouVoting.labels(segments, act, 0.7, 1.2));
  }

  @Test
  void backgroundUsesTheScaledThresholdAndTiesGoToTheLowerLabel() {
    ConnectedComponents segments = ConnectedComponents.of(new int[] {0, 0}, 2, 1);
    double[][] maps = {
      {0.55, 0.0}, // 0.55 is not above 1.2·0.5 = 0.6: background has no region
      {1.0, 0.0},
      {1.0, 0.0}, // same region as class 8: equal IoU, label 8 (lower) wins
    };
    ClassActivations act = new ClassActivations(maps, new int[] {0, 8, 12}, new int[] {-1, 0, 1});
    assertArrayEquals(new int[] {8, 8}, IouVoting.labels(segments, act, 0.5, 1.2));
  }

  @Test
  void consensusNeedsTheAgreementShareAndBreaksTiesTowardsTheSmallerLabel() {
    int[][] votes = new int[9][];
    for (int v = 0; v < 9; v++) {
      // pixel 0: 6× label 8, 3× 0 → 8; pixel 1: 5× 8 → 5/9 < 0.56 → 255; pixel 2: 4× 12, 4× 8, 1× 0
      // → tie
      votes[v] = new int[] {v < 6 ? 8 : 0, v < 5 ? 8 : 0, v < 4 ? 12 : v < 8 ? 8 : 0};
    }
    assertArrayEquals(new int[] {8, 255, 255}, ConsensusVote.of(votes, 0.56));
    assertArrayEquals(new int[] {8, 8, 8}, ConsensusVote.of(votes, 0.4));
  }
}
