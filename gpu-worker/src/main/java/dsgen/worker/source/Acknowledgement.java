package dsgen.worker.source;

/** What the worker tells the broker about a record it took. */
public enum Acknowledgement {
  /** Done: the Generation record (or nothing, for a cancelled job) was published. */
  ACCEPT,
  /** Not done, try again later, maybe on another worker. */
  RELEASE,
  /** Never retry: a dead letter says why. */
  REJECT
}
