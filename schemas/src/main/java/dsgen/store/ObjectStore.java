package dsgen.store;

import dsgen.records.ObjectRef;
import java.util.List;
import java.util.Map;

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
