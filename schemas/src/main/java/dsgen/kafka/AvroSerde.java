package dsgen.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for a generated Avro record using Avro single-object encoding: {@code C3 01}, the 8-byte schema
 * fingerprint, then the binary body. No registry is needed: the decoder knows the current schema and every
 * released version shipped in the jar ({@link ReleasedSchemas}), so it reads records written by older producers.
 * Bytes it cannot read raise {@link UndecodableRecordException}, never a null. A null payload (a tombstone) stays
 * null in both directions, as Kafka and Kafka Streams expect of every serde.
 *
 * <p>Instances are immutable and thread-safe (Avro's message encoder and decoder are); {@link #of} shares one per
 * record class.
 */
public final class AvroSerde<T extends SpecificRecordBase> implements Serde<T> {

    static {
        AvroClassTrust.install();
    }

    private static final Map<Class<?>, AvroSerde<?>> SHARED = new ConcurrentHashMap<>();

    private final Class<T> type;
    private final Schema schema;
    private final ReleasedSchemas released;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;
    private final Serializer<T> serializer = (topic, value) -> value == null ? null : encode(value);
    private final Deserializer<T> deserializer = (topic, bytes) -> bytes == null ? null : decode(topic, bytes);

    public AvroSerde(Class<T> type) {
        this.type = type;
        // The generated class's own model carries its logical-type conversions (timestamp-millis -> Instant).
        SpecificData model = SpecificData.getForClass(type);
        this.schema = model.getSchema(type);
        this.released = ReleasedSchemas.forRecord(type.getSimpleName());
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        this.decoder = new BinaryMessageDecoder<>(model, schema, released);
    }

    /** The shared serde of a record class. */
    @SuppressWarnings("unchecked")
    public static <T extends SpecificRecordBase> AvroSerde<T> of(Class<T> type) {
        return (AvroSerde<T>) SHARED.computeIfAbsent(type, t -> new AvroSerde<>(type));
    }

    public Class<T> type() {
        return type;
    }

    /** The schema this serde writes (the one compiled into the generated class). */
    public Schema schema() {
        return schema;
    }

    /** The released versions this serde can read besides the current schema. */
    public ReleasedSchemas released() {
        return released;
    }

    /** Single-object encoding of {@code value}; a value breaking its schema (e.g. a null required field) is reported. */
    public byte[] encode(T value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try {
            encoder.encode(value, out);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot encode " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** Decodes bytes not tied to a topic (the exception then has no topic, partition or offset). */
    public T decode(byte[] bytes) {
        return decode(null, bytes);
    }

    private T decode(String topic, byte[] bytes) {
        try {
            return decoder.decode(bytes);
        } catch (MissingSchemaException e) {
            throw undecodable(topic, unknownFingerprint(bytes), e);
        } catch (BadHeaderException e) {
            throw undecodable(topic, "not Avro single-object encoding (" + e.getMessage() + ")", e);
        } catch (IOException | RuntimeException e) {
            // Corrupt bodies surface as EOF, AvroRuntimeException, or array/size errors from the binary decoder.
            throw undecodable(topic, "corrupt " + type.getSimpleName() + " body (" + bytes.length + " bytes): " + e, e);
        }
    }

    private String unknownFingerprint(byte[] bytes) {
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        return String.format(
                "unknown schema fingerprint %016x: neither the current %s schema (%016x) nor one of its %d released versions",
                fingerprint, type.getSimpleName(), ReleasedSchemas.fingerprint(schema), released.versions().size());
    }

    private UndecodableRecordException undecodable(String topic, String reason, Exception cause) {
        return new UndecodableRecordException(topic, -1, -1, reason, cause);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }

    @Override
    public String toString() {
        return "AvroSerde[" + type.getName() + "]";
    }
}
