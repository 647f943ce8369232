package dsgen.worker.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PartitionProgressTest {

  @Test
  void commitsUpToTheLowestUnfinishedOffset() {
    PartitionProgress p = new PartitionProgress();
    for (long o = 10; o < 14; o++) {
      p.delivered(o);
    }
    p.finished(11);
    p.finished(12);
    assertEquals(OptionalLong.of(10), p.advance(), "10 is still open");
    p.finished(10);
    assertEquals(OptionalLong.of(13), p.advance());
    assertEquals(OptionalLong.empty(), p.advance(), "nothing moved");
    p.finished(13);
    assertEquals(OptionalLong.of(14), p.advance());
  }

  @Test
  void aReleasedOffsetHoldsTheCommitBackUntilItIsReadAgainAndFinished() {
    PartitionProgress p = new PartitionProgress();
    for (long o = 0; o < 3; o++) {
      p.delivered(o);
    }
    p.finished(0);
    p.released(1);
    p.finished(2);
    assertEquals(OptionalLong.of(1), p.rewindTo());
    assertEquals(OptionalLong.of(1), p.advance());
    assertFalse(p.isKnown(1), "the released task must be delivered again");
    assertTrue(p.isKnown(2), "the finished one is skipped when read again");
    p.delivered(1);
    assertEquals(OptionalLong.empty(), p.rewindTo());
    p.finished(1);
    assertEquals(OptionalLong.of(3), p.advance());
  }
}
