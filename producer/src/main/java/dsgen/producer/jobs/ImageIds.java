package dsgen.producer.jobs;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Identity of jobs and images. An image id is {@code {jobId}-{index:06d}}; job ids use {@code
 * [a-z0-9-]}, so the job of any image id is everything before its last dash, which lets every stage
 * attribute a record to its job even when the record carries nothing but the key.
 */
public final class ImageIds {
  /**
   * What a job id may look like: it prefixes object keys and image ids, so it stays short and
   * URL-safe.
   */
  public static final Pattern JOB_ID = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?");

  private static final Pattern IMAGE_ID = Pattern.compile("(" + JOB_ID.pattern() + ")-(\\d{6,})");

  private ImageIds() {}

  public static String of(String jobId, long index) {
    if (index < 0) {
      throw new IllegalArgumentException("image index must be >= 0, was " + index);
    }
    return jobId + "-" + String.format("%06d", index);
  }

  /** The job of an image id, or empty when the text is not an image id. */
  public static Optional<String> jobOf(String imageId) {
    if (imageId == null) {
      return Optional.empty();
    }
    var m = IMAGE_ID.matcher(imageId);
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }
}
