package dsgen.worker.task;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups tasks into UNet batches of at most {@code maxBatch} tasks with the same {@link BatchKey}.
 */
public final class TaskBatcher {
  private final int maxBatch;

  public TaskBatcher(int maxBatch) {
    if (maxBatch <= 0) {
      throw new IllegalArgumentException("batch size must be > 0, got " + maxBatch);
    }
    this.maxBatch = maxBatch;
  }

  /** Batches in order of each key's first task; tasks keep their arrival order inside a batch. */
  public List<List<AcquiredTask>> batches(List<AcquiredTask> tasks) {
    Map<BatchKey, List<AcquiredTask>> byKey = new LinkedHashMap<>();
    for (AcquiredTask t : tasks) {
      byKey.computeIfAbsent(BatchKey.of(t), k -> new ArrayList<>()).add(t);
    }
    List<List<AcquiredTask>> out = new ArrayList<>();
    for (List<AcquiredTask> group : byKey.values()) {
      for (int from = 0; from < group.size(); from += maxBatch) {
        out.add(List.copyOf(group.subList(from, Math.min(group.size(), from + maxBatch))));
      }
    }
    return out;
  }
}
