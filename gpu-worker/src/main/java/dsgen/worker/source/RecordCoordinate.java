package dsgen.worker.source;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Where a record sits: the identity of a delivery across polls (a renewed record comes back as a
 * new object).
 */
record RecordCoordinate(String topic, int partition, long offset) {
  static RecordCoordinate of(ConsumerRecord<?, ?> r) {
    return new RecordCoordinate(r.topic(), r.partition(), r.offset());
  }

  @Override
  public String toString() {
    return topic + "-" + partition + "@" + offset;
  }
}
