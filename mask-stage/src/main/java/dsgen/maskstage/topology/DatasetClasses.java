package dsgen.maskstage.topology;

import dsgen.records.ClassEntry;
import dsgen.records.JobSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The classes of every job feeding a dataset, read from the global jobs store, for the dataset's
 * {@code labels.json}. Several jobs may feed one dataset, so its label list is their union. A scan
 * decodes every job, so results are kept for {@code maxAge}; a job added meanwhile shows up in the
 * next refresh (its own generation's classes are always included by the caller).
 */
final class DatasetClasses {

  private record Cached(List<ClassEntry> classes, Instant readAt) {}

  private final ReadOnlyKeyValueStore<String, ValueAndTimestamp<JobSpec>> jobs;
  private final Clock clock;
  private final Duration maxAge;
  private final Map<String, Cached> byDataset = new HashMap<>();

  DatasetClasses(
      ReadOnlyKeyValueStore<String, ValueAndTimestamp<JobSpec>> jobs,
      Clock clock,
      Duration maxAge) {
    this.jobs = jobs;
    this.clock = clock;
    this.maxAge = maxAge;
  }

  List<ClassEntry> of(String dataset) {
    Instant now = clock.instant();
    Cached cached = byDataset.get(dataset);
    if (cached == null || cached.readAt().plus(maxAge).isBefore(now)) {
      cached = new Cached(scan(dataset), now);
      byDataset.put(dataset, cached);
    }
    return cached.classes();
  }

  private List<ClassEntry> scan(String dataset) {
    List<ClassEntry> classes = new ArrayList<>();
    try (KeyValueIterator<String, ValueAndTimestamp<JobSpec>> all = jobs.all()) {
      while (all.hasNext()) {
        JobSpec job = next(all);
        if (job != null && dataset.equals(job.getDataset())) {
          classes.addAll(job.getClasses());
        }
      }
    }
    return classes;
  }

  /**
   * The next job, or null when its stored bytes cannot be decoded: the global store is restored
   * from the topic's raw bytes, so it can hold a record the deserialization handler skipped. Its
   * generations are dead-lettered by {@code attach-job-recipes}; here it only cannot contribute
   * classes.
   */
  private static JobSpec next(KeyValueIterator<String, ValueAndTimestamp<JobSpec>> all) {
    try {
      KeyValue<String, ValueAndTimestamp<JobSpec>> entry = all.next();
      return entry.value == null ? null : entry.value.value();
    } catch (SerializationException e) {
      return null;
    }
  }
}
