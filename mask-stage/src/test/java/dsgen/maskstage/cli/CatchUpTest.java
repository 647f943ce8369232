package dsgen.maskstage.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class CatchUpTest {

  private static final TopicPartition P0 = new TopicPartition("t", 0);
  private static final TopicPartition P1 = new TopicPartition("t", 1);
  private static final TopicPartition P2 = new TopicPartition("t", 2);

  @Test
  void caughtUpOnlyWhenEveryNonEmptyPartitionIsCommittedToItsEnd() {
    Map<TopicPartition, Long> earliest = Map.of(P0, 0L, P1, 5L, P2, 3L);
    Map<TopicPartition, Long> end =
        Map.of(P0, 10L, P1, 8L, P2, 3L); // P2: everything deleted by retention

    assertEquals(new CatchUp.Progress(0, 13, false), CatchUp.progress(earliest, end, Map.of()));
    assertEquals(
        new CatchUp.Progress(12, 13, false),
        CatchUp.progress(earliest, end, Map.of(P0, 10L, P1, 7L)));
    assertEquals(
        new CatchUp.Progress(13, 13, true),
        CatchUp.progress(earliest, end, Map.of(P0, 10L, P1, 8L)));
    // a commit past the end taken at start (records arrived meanwhile) counts as caught up
    assertEquals(
        new CatchUp.Progress(13, 13, true),
        CatchUp.progress(earliest, end, Map.of(P0, 14L, P1, 9L)));
  }

  @Test
  void anEmptyTopicIsCaughtUpAtOnce() {
    assertEquals(
        new CatchUp.Progress(0, 0, true),
        CatchUp.progress(Map.of(P0, 0L), Map.of(P0, 0L), Map.of()));
  }
}
