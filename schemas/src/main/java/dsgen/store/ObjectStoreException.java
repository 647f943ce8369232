package dsgen.store;

/** Base of every object-store failure; names the object (or store) concerned. */
public class ObjectStoreException extends RuntimeException {

  private final String uri;

  public ObjectStoreException(String uri, String message) {
    this(uri, message, null);
  }

  public ObjectStoreException(String uri, String message, Throwable cause) {
    super(message, cause);
    this.uri = uri;
  }

  /** The object or store URI the failure concerns. */
  public String uri() {
    return uri;
  }
}
