package dsgen.worker.source;

import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * Offset bookkeeping of one partition for a classic consumer group, where tasks finish out of order
 * (batching) and a released task must be read again: the committable position is the lowest offset
 * not yet finished.
 */
final class PartitionProgress {
  private final TreeSet<Long> pending = new TreeSet<>();
  private final TreeSet<Long> released = new TreeSet<>();
  private final TreeSet<Long> finished = new TreeSet<>();
  private long committed = -1;

  /**
   * True when the offset was delivered before and is still being worked on or done: a re-read must
   * skip it.
   */
  boolean isKnown(long offset) {
    return pending.contains(offset) || finished.contains(offset);
  }

  void delivered(long offset) {
    released.remove(offset);
    pending.add(offset);
  }

  void finished(long offset) {
    pending.remove(offset);
    finished.add(offset);
  }

  void released(long offset) {
    pending.remove(offset);
    released.add(offset);
  }

  /** Lowest offset a released record must be read again from, if any. */
  OptionalLong rewindTo() {
    return released.isEmpty() ? OptionalLong.empty() : OptionalLong.of(released.first());
  }

  /**
   * The position to commit (next offset to read after a restart), when it moved since the last
   * call: every offset below it is finished.
   */
  OptionalLong advance() {
    long position;
    Long open = lowest();
    if (open != null) {
      position = open;
    } else if (!finished.isEmpty()) {
      position = finished.last() + 1;
    } else {
      return OptionalLong.empty();
    }
    finished.headSet(position).clear();
    if (position <= committed) {
      return OptionalLong.empty();
    }
    committed = position;
    return OptionalLong.of(position);
  }

  private Long lowest() {
    Long p = pending.isEmpty() ? null : pending.first();
    Long r = released.isEmpty() ? null : released.first();
    if (p == null) {
      return r;
    }
    return r == null ? p : Math.min(p, r);
  }
}
