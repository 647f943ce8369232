package dsgen.producer.gallery;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Least-recently-used byte arrays up to a total size; an entry larger than the whole budget is
 * handed out but not kept. Thread-safe. Keys name an object with its SHA-256 (and a rendering), so
 * an entry never goes stale.
 */
public final class ByteCache {
  private final long capacityBytes;
  private final LinkedHashMap<String, byte[]> entries = new LinkedHashMap<>(64, 0.75f, true);
  private long sizeBytes;

  public ByteCache(long capacityBytes) {
    if (capacityBytes < 0) {
      throw new IllegalArgumentException("cache capacity must be >= 0, got " + capacityBytes);
    }
    this.capacityBytes = capacityBytes;
  }

  /** The cached bytes of {@code key}, else what {@code load} gives (loaded outside the lock). */
  public byte[] get(String key, Supplier<byte[]> load) {
    synchronized (this) {
      byte[] hit = entries.get(key);
      if (hit != null) {
        return hit;
      }
    }
    byte[] loaded = load.get();
    put(key, loaded);
    return loaded;
  }

  public synchronized long sizeBytes() {
    return sizeBytes;
  }

  public synchronized int entries() {
    return entries.size();
  }

  private synchronized void put(String key, byte[] value) {
    if (value.length > capacityBytes) {
      return;
    }
    byte[] previous = entries.put(key, value);
    sizeBytes += value.length - (previous == null ? 0 : previous.length);
    Iterator<Map.Entry<String, byte[]>> eldest = entries.entrySet().iterator();
    while (sizeBytes > capacityBytes && eldest.hasNext()) {
      sizeBytes -= eldest.next().getValue().length;
      eldest.remove();
    }
  }
}
