package dsgen.store;

/**
 * The bytes read back differ from what the {@link dsgen.records.ObjectRef} promises: the object was
 * changed or truncated after it was written, or the reference is wrong. Retrying does not help.
 */
public class ChecksumMismatchException extends ObjectStoreException {

  private final String property;
  private final String expected;
  private final String found;

  /**
   * @param property what differed: {@code sizeBytes} or {@code sha256}
   */
  public ChecksumMismatchException(String uri, String property, String expected, String found) {
    super(
        uri,
        "object "
            + uri
            + " does not match its reference: "
            + property
            + " expected "
            + expected
            + " but found "
            + found);
    this.property = property;
    this.expected = expected;
    this.found = found;
  }

  /** Which property differed: {@code sizeBytes} or {@code sha256}. */
  public String property() {
    return property;
  }

  public String expected() {
    return expected;
  }

  public String found() {
    return found;
  }
}
