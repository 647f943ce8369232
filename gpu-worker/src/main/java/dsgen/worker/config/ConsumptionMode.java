package dsgen.worker.config;

/** How the worker takes prompt tasks from the broker. */
public enum ConsumptionMode {
  /** KIP-932 share group: any number of workers per partition, per-record acknowledgement. */
  SHARE_GROUP,
  /**
   * Classic consumer group, for clusters without share groups: at most one worker per partition,
   * offsets committed after the Generation record is published.
   */
  CONSUMER_GROUP
}
