/**
 * The Kafka half of the wire contract.
 *
 * <ul>
 *   <li>{@link dsgen.kafka.Topics}: every topic as a typed {@link dsgen.kafka.Topic} constant
 *       (name, String key serde, Avro value serde, partitions, retention, compaction). Call sites
 *       never spell a topic name.
 *   <li>{@link dsgen.kafka.AvroSerde}: Avro single-object encoding; reads every schema version
 *       released in the jar ({@link dsgen.kafka.ReleasedSchemas}, {@code
 *       dsgen/schemas/<Record>/v<N>.avsc}).
 *   <li>{@link dsgen.kafka.UndecodableRecordException}: what a consumer gets for bytes it cannot
 *       read, with topic, partition and offset; {@link dsgen.kafka.DeadLetters} turns it (or any
 *       failure) into a {@link dsgen.records.DeadLetter}.
 *   <li>{@link dsgen.kafka.TopicAdmin}: idempotent topic creation and share-group start-up
 *       settings.
 * </ul>
 *
 * <p>Consumers that must survive poison records consume bytes and decode with {@code
 * topic.decodeValue(record)}; a typed {@code Deserializer} inside a {@code KafkaConsumer} turns the
 * same failure into Kafka's {@code RecordDeserializationException}.
 */
package dsgen.kafka;
