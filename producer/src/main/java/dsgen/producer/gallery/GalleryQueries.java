package dsgen.producer.gallery;

import dsgen.producer.tracker.TrackerNotReadyException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads the gallery index with interactive queries. Every answer is bounded: pages hold at most
 * {@link #MAX_LIMIT} images and read at most {@link #MAX_SCAN} index entries.
 */
public final class GalleryQueries {
  public static final int MAX_LIMIT = 200;
  public static final int MAX_SCAN = 20_000;

  private final GalleryStores stores;

  public GalleryQueries(GalleryStores stores) {
    this.stores = stores;
  }

  /** Every dataset with pairs, by name. */
  public List<DatasetEntry> datasets() {
    List<DatasetEntry> out = new ArrayList<>();
    try (var it = this.<DatasetEntry>store(GalleryIndex.DATASETS).all()) {
      it.forEachRemaining(kv -> out.add(kv.value));
    } catch (InvalidStateStoreException e) {
      throw notReady();
    }
    out.sort(java.util.Comparator.comparing(DatasetEntry::dataset));
    return out;
  }

  public Optional<DatasetEntry> dataset(String dataset) {
    return Optional.ofNullable(
        read(() -> this.<DatasetEntry>store(GalleryIndex.DATASETS).get(dataset)));
  }

  /**
   * Newest first, the images with {@code seq < before} (every image when null) that match the
   * filter.
   */
  public GalleryPage page(
      String dataset, Long before, int limit, String className, String recipeId, String job) {
    long latest = dataset(dataset).map(DatasetEntry::latestSeq).orElse(0L);
    long upper = before == null ? latest : Math.min(before - 1, latest);
    if (upper < 1) {
      return new GalleryPage(List.of(), null, latest, 0);
    }
    int n = clamp(limit);
    List<GalleryImage> items = new ArrayList<>();
    int scanned = 0;
    Long next = null;
    try (KeyValueIterator<String, GalleryImage> it =
        this.<GalleryImage>store(GalleryIndex.ORDER)
            .reverseRange(
                GalleryIndex.orderKey(dataset, 1), GalleryIndex.orderKey(dataset, upper))) {
      while (it.hasNext()) {
        KeyValue<String, GalleryImage> kv = it.next();
        scanned++;
        if (kv.value.matches(className, recipeId, job)) {
          items.add(kv.value);
        }
        if (items.size() == n || scanned == MAX_SCAN) {
          next = it.hasNext() ? kv.value.seq() : null;
          break;
        }
      }
    } catch (InvalidStateStoreException e) {
      throw notReady();
    }
    return new GalleryPage(items, next, latest, scanned);
  }

  /** Oldest first, the images whose latest pair came after {@code after}. */
  public GalleryPage changes(String dataset, long after, int limit) {
    long latest = dataset(dataset).map(DatasetEntry::latestSeq).orElse(0L);
    if (after >= latest) {
      return new GalleryPage(List.of(), null, latest, 0);
    }
    int n = clamp(limit);
    List<GalleryImage> items = new ArrayList<>();
    Long next = null;
    try (KeyValueIterator<String, GalleryImage> it =
        this.<GalleryImage>store(GalleryIndex.ORDER)
            .range(
                GalleryIndex.orderKey(dataset, Math.max(0, after) + 1),
                GalleryIndex.orderKey(dataset, latest))) {
      while (it.hasNext() && items.size() < n) {
        items.add(it.next().value);
      }
      if (it.hasNext()) {
        next = items.get(items.size() - 1).seq();
      }
    } catch (InvalidStateStoreException e) {
      throw notReady();
    }
    return new GalleryPage(items, next, latest, items.size());
  }

  public Optional<GalleryImage> image(String dataset, String imageId) {
    return Optional.ofNullable(
        read(
            () -> {
              Long seq =
                  this.<Long>store(GalleryIndex.IMAGES)
                      .get(GalleryIndex.imageKey(dataset, imageId));
              return seq == null
                  ? null
                  : this.<GalleryImage>store(GalleryIndex.ORDER)
                      .get(GalleryIndex.orderKey(dataset, seq));
            }));
  }

  /** The dataset's per-recipe, per-class statistics, by recipe then class. */
  public List<ClassStats> classStats(String dataset) {
    List<ClassStats> out = new ArrayList<>();
    try (var it =
        this.<ClassStats>store(GalleryIndex.CLASS_STATS)
            .prefixScan(dataset + "/", new StringSerializer())) {
      it.forEachRemaining(kv -> out.add(kv.value));
    } catch (InvalidStateStoreException e) {
      throw notReady();
    }
    return out;
  }

  private static int clamp(int limit) {
    return Math.max(1, Math.min(MAX_LIMIT, limit));
  }

  private <T> T read(java.util.function.Supplier<T> query) {
    try {
      return query.get();
    } catch (InvalidStateStoreException e) {
      throw notReady();
    }
  }

  private TrackerNotReadyException notReady() {
    return new TrackerNotReadyException(stores.state());
  }

  private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
    return stores.store(name);
  }
}
