package dsgen.store;

/** The referenced object (or its bucket) does not exist. Retrying does not help. */
public class ObjectNotFoundException extends ObjectStoreException {

  public ObjectNotFoundException(String uri, String detail) {
    super(uri, "object " + uri + " not found: " + detail);
  }

  public ObjectNotFoundException(String uri, String detail, Throwable cause) {
    super(uri, "object " + uri + " not found: " + detail, cause);
  }
}
