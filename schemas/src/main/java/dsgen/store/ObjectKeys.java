package dsgen.store;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules keys and metadata follow in every store, so that what works on the local folder also
 * works on S3: keys are relative slash-separated paths, metadata is what S3 accepts as user
 * metadata.
 */
final class ObjectKeys {

  /** Metadata key under which stores record the object's SHA-256 next to the caller's metadata. */
  static final String SHA256_METADATA_KEY = "sha256";

  /** S3 limit for all user metadata of one object (keys plus values, in bytes). */
  static final int MAX_METADATA_BYTES = 2048;

  private static final Pattern METADATA_KEY = Pattern.compile("[a-z0-9][a-z0-9._-]*");
  private static final Pattern PRINTABLE_ASCII = Pattern.compile("[\\x20-\\x7e]*");

  private ObjectKeys() {}

  /**
   * @throws IllegalArgumentException naming the key and the rule it breaks
   */
  static String requireValidKey(String key) {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("object key is empty");
    }
    if (key.startsWith("/") || key.endsWith("/") || key.contains("\\")) {
      throw new IllegalArgumentException(
          "object key '"
              + key
              + "' must be a relative path with '/' separators, not ending in '/'");
    }
    for (String segment : key.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException(
            "object key '" + key + "' has an empty, '.' or '..' segment");
      }
    }
    if (key.startsWith(".dsgen-")) {
      throw new IllegalArgumentException(
          "object key '" + key + "' starts with .dsgen-, which stores reserve for themselves");
    }
    if (key.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new IllegalArgumentException("object key '" + key + "' contains control characters");
    }
    return key;
  }

  /**
   * @throws IllegalArgumentException naming the metadata entry that S3 would reject or that is
   *     reserved
   */
  static void requireValidMetadata(Map<String, String> metadata) {
    int bytes = 0;
    for (Map.Entry<String, String> entry : metadata.entrySet()) {
      String key = entry.getKey();
      String value = entry.getValue();
      if (key == null || !METADATA_KEY.matcher(key).matches()) {
        throw new IllegalArgumentException(
            "metadata key '" + key + "' must be lower-case letters, digits, '.', '_' or '-'");
      }
      if (key.equals(SHA256_METADATA_KEY)) {
        throw new IllegalArgumentException(
            "metadata key '"
                + SHA256_METADATA_KEY
                + "' is reserved: the store records the digest itself");
      }
      if (value == null || !PRINTABLE_ASCII.matcher(value).matches()) {
        throw new IllegalArgumentException(
            "metadata '"
                + key
                + "' must be printable ASCII (S3 user metadata), got '"
                + value
                + "'");
      }
      bytes += key.getBytes(StandardCharsets.UTF_8).length + value.length();
    }
    if (bytes > MAX_METADATA_BYTES - SHA256_METADATA_KEY.length() - 64) {
      throw new IllegalArgumentException(
          "metadata takes "
              + bytes
              + " bytes; S3 allows "
              + MAX_METADATA_BYTES
              + " per object including the "
              + (SHA256_METADATA_KEY.length() + 64)
              + " of the digest");
    }
  }
}
