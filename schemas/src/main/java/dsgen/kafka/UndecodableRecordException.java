package dsgen.kafka;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A record whose key or value cannot be turned into its typed form: corrupt bytes, an unknown Avro
 * schema fingerprint, a missing value on a topic that needs one. Carries where the record came from
 * so a stage can dead-letter it and move on. A {@code -1} partition or offset means the bytes did
 * not come from a consumed record (e.g. a plain {@link
 * org.apache.kafka.common.serialization.Deserializer} call, where Kafka supplies no position).
 */
public class UndecodableRecordException extends SerializationException {

  private final String topic;
  private final int partition;
  private final long offset;
  private final String reason;

  public UndecodableRecordException(String topic, int partition, long offset, String reason) {
    this(topic, partition, offset, reason, null);
  }

  public UndecodableRecordException(
      String topic, int partition, long offset, String reason, Throwable cause) {
    super("cannot decode record " + position(topic, partition, offset) + ": " + reason, cause);
    this.topic = topic;
    this.partition = partition;
    this.offset = offset;
    this.reason = reason;
  }

  /** The same failure, placed at the position of a consumed record. */
  public UndecodableRecordException at(String topic, int partition, long offset) {
    return new UndecodableRecordException(topic, partition, offset, reason, getCause());
  }

  public String topic() {
    return topic;
  }

  public int partition() {
    return partition;
  }

  public long offset() {
    return offset;
  }

  /** What was wrong with the bytes, without the position. */
  public String reason() {
    return reason;
  }

  private static String position(String topic, int partition, long offset) {
    String where = topic == null ? "(no topic)" : topic;
    return partition < 0 ? where : where + "-" + partition + "@" + offset;
  }
}
