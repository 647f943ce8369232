package dsgen.store;

/**
 * The store could not be reached or answered with a server-side error (connection refused, timeout,
 * HTTP 5xx, throttling). Transient: callers retry later (a worker RELEASEs its task, the mask stage
 * retries the record).
 */
public class ObjectStoreUnavailableException extends ObjectStoreException {

  public ObjectStoreUnavailableException(String uri, String message, Throwable cause) {
    super(uri, message, cause);
  }
}
