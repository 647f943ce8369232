package dsgen.masks.pcc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ConnectedComponentsTest {

  @Test
  void diagonalNeighboursJoinAndIdsFollowRasterOrder() {
    int[] values = {
      1, 0, 0, 2,
      0, 1, 0, 2,
      0, 0, 3, 0,
      4, 0, 0, 1,
    };
    ConnectedComponents c = ConnectedComponents.of(values, 4, 4);
    // the 1s on the diagonal (0,0),(1,1) join; 0s are all connected through the diagonal gaps;
    // (3,3)=1 is
    // a separate component because 3 at (2,2) sits between it and the other 1s
    int[] expected = {
      1, 2, 2, 3,
      2, 1, 2, 3,
      2, 2, 4, 2,
      5, 2, 2, 6,
    };
    assertArrayEquals(expected, c.ids());
    assertEquals(6, c.count());
    assertArrayEquals(new int[] {0, 2, 9, 2, 1, 1, 1}, c.sizes());
  }

  @Test
  void sameValueRegionsSeparatedByAnotherValueAreDistinct() {
    int[] values = {
      5, 7, 5,
      5, 7, 5,
      5, 7, 5,
    };
    ConnectedComponents c = ConnectedComponents.of(values, 3, 3);
    assertArrayEquals(new int[] {1, 2, 3, 1, 2, 3, 1, 2, 3}, c.ids());
    assertEquals(3, c.count());
  }
}
