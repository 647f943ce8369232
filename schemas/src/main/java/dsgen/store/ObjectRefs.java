package dsgen.store;

import dsgen.records.ObjectRef;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Building and checking {@link ObjectRef}s: the claim-check half that does not touch a store. */
public final class ObjectRefs {

  private ObjectRefs() {}

  /** Lower-case hex SHA-256 of {@code bytes}. */
  public static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }

  /** The reference to {@code bytes} stored at {@code uri}. */
  public static ObjectRef of(String uri, byte[] bytes, String contentType) {
    return ObjectRef.newBuilder()
        .setUri(uri)
        .setSha256(sha256Hex(bytes))
        .setSizeBytes(bytes.length)
        .setContentType(contentType)
        .build();
  }

  /**
   * Checks that {@code bytes} are the object {@code ref} points at.
   *
   * @return {@code bytes}
   * @throws ChecksumMismatchException naming the URI and the size or digest that differed
   */
  public static byte[] verify(ObjectRef ref, byte[] bytes) {
    if (bytes.length != ref.getSizeBytes()) {
      throw new ChecksumMismatchException(
          ref.getUri(),
          "sizeBytes",
          Long.toString(ref.getSizeBytes()),
          Integer.toString(bytes.length));
    }
    String found = sha256Hex(bytes);
    if (!found.equalsIgnoreCase(ref.getSha256())) {
      throw new ChecksumMismatchException(ref.getUri(), "sha256", ref.getSha256(), found);
    }
    return bytes;
  }

  /**
   * Checks bytes read by key against the digest the store recorded at put.
   *
   * @param recorded the recorded lower-case hex SHA-256, or {@code null} when none was recorded
   * @return {@code bytes}
   * @throws ObjectStoreException when no digest was recorded
   * @throws ChecksumMismatchException when the bytes differ from it
   */
  static byte[] verifyRecorded(String uri, byte[] bytes, String recorded) {
    if (recorded == null) {
      throw new ObjectStoreException(
          uri, "object " + uri + " has no recorded sha256 (it was not written by a dsgen store)");
    }
    String found = sha256Hex(bytes);
    if (!found.equalsIgnoreCase(recorded)) {
      throw new ChecksumMismatchException(uri, "sha256", recorded, found);
    }
    return bytes;
  }
}
