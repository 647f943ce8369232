package dsgen.store;

import dsgen.records.ObjectRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Claim-check storage for the large binaries the records point at (images, attention files, dataset
 * files). Implementations are thread-safe. Keys are relative slash-separated paths such as {@code
 * generations/job-1/job-1-000001/g-42/image.png}.
 */
public interface ObjectStore extends AutoCloseable {

  /**
   * Stores {@code bytes} under {@code key}, replacing what was there; readers see the old or the
   * new object, never a partial one.
   *
   * @param metadata written as S3 user metadata (lower-case keys, printable ASCII values, 2 KiB in
   *     all); the store adds the SHA-256 under {@code sha256}
   * @return the reference records carry
   * @throws ObjectStoreUnavailableException when the store cannot be reached (transient)
   */
  ObjectRef put(String key, byte[] bytes, String contentType, Map<String, String> metadata);

  /**
   * The bytes of a referenced object, checked against the reference's size and SHA-256.
   *
   * @throws ObjectNotFoundException the object does not exist
   * @throws ChecksumMismatchException the bytes differ from the reference
   * @throws ObjectStoreUnavailableException the store cannot be reached (transient)
   */
  byte[] get(ObjectRef ref);

  /**
   * The bytes stored under {@code key}, for objects whose reference the caller does not hold (a
   * marker found by its key), checked against the SHA-256 the store recorded when it was put.
   *
   * @return empty when there is no object under {@code key}
   * @throws ChecksumMismatchException the bytes differ from the recorded digest
   * @throws ObjectStoreException the object has no recorded digest (not written through a store)
   * @throws ObjectStoreUnavailableException the store cannot be reached (transient)
   */
  Optional<byte[]> read(String key);

  /** The keys starting with {@code prefix} (a plain string prefix, as in S3), sorted. */
  List<String> list(String prefix);

  /** The URI {@link #put} returns for a key. */
  String uriOf(String key);

  @Override
  void close();

  /** Opens the store a configuration names, by its URI scheme ({@code s3:} or {@code file:}). */
  static ObjectStore open(StoreConfig config) {
    return switch (config.scheme()) {
      case "s3" -> new S3ObjectStore(config);
      case "file" -> new LocalObjectStore(LocalObjectStore.rootOf(config.uri()));
      default ->
          throw new IllegalArgumentException(
              "no object store for " + config.uri() + " (s3: or file:)");
    };
  }
}
