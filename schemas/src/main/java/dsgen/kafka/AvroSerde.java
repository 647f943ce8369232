package dsgen.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for a generated Avro record using Avro single-object encoding: {@code C3 01}, the
 * 8-byte little-endian schema fingerprint, then the binary body. No registry is needed: the reader
 * knows the current schema and every released version shipped in the jar ({@link ReleasedSchemas}),
 * so it reads records written by older producers. Bytes it cannot read raise {@link
 * UndecodableRecordException}, never a null. A null payload (a tombstone) stays null in both
 * directions, as Kafka and Kafka Streams expect of every serde.
 *
 * <p>Writing uses Avro's {@link BinaryMessageEncoder}. Reading parses the 10-byte header here and
 * decodes the body from the byte array itself, rather than through Avro's {@code
 * BinaryMessageDecoder}, whose stream source lets a corrupt length prefix allocate up to 2 GiB
 * before failing; on an array Avro checks lengths against the bytes left. It also rejects trailing
 * bytes, which the stream decoder ignores.
 *
 * <p>Instances are immutable and thread-safe (Avro's encoder and datum readers are); {@link #of}
 * shares one per record class.
 */
public final class AvroSerde<T extends SpecificRecordBase> implements Serde<T> {

  static {
    AvroClassTrust.install();
  }

  /** Single-object encoding marker, then an 8-byte fingerprint. */
  private static final byte MARKER_0 = (byte) 0xC3;

  private static final byte MARKER_1 = (byte) 0x01;
  private static final int HEADER_BYTES = 10;

  private static final Map<Class<?>, AvroSerde<?>> SHARED = new ConcurrentHashMap<>();

  private final Class<T> type;
  private final SpecificData model;
  private final Schema schema;
  private final long fingerprint;
  private final ReleasedSchemas released;
  private final BinaryMessageEncoder<T> encoder;
  private final Map<Long, DatumReader<T>> readersByWriterFingerprint = new ConcurrentHashMap<>();
  private final Serializer<T> serializer = (topic, value) -> value == null ? null : encode(value);
  private final Deserializer<T> deserializer =
      (topic, bytes) -> bytes == null ? null : decode(topic, bytes);

  public AvroSerde(Class<T> type) {
    this(type, ReleasedSchemas.forRecord(type.getSimpleName()));
  }

  /** A serde reading the given released versions (tests of schema evolution). */
  AvroSerde(Class<T> type, ReleasedSchemas released) {
    this.type = type;
    // The generated class's own model carries its logical-type conversions (timestamp-millis ->
    // Instant).
    this.model = SpecificData.getForClass(type);
    this.schema = model.getSchema(type);
    this.fingerprint = ReleasedSchemas.fingerprint(schema);
    this.released = released;
    this.encoder = new BinaryMessageEncoder<>(model, schema);
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

  /**
   * Single-object encoding of {@code value}; a value breaking its schema (e.g. a null required
   * field) is reported.
   */
  public byte[] encode(T value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try {
      encoder.encode(value, out);
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "cannot encode " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  /** Decodes bytes not tied to a topic (the exception then has no topic, partition or offset). */
  public T decode(byte[] bytes) {
    return decode(null, bytes);
  }

  private T decode(String topic, byte[] bytes) {
    if (bytes.length < HEADER_BYTES || bytes[0] != MARKER_0 || bytes[1] != MARKER_1) {
      throw undecodable(
          topic,
          "not Avro single-object encoding: "
              + bytes.length
              + " bytes starting "
              + HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 4))
              + ", expected c301 and a fingerprint",
          null);
    }
    long writerFingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    DatumReader<T> reader = readerFor(writerFingerprint);
    if (reader == null) {
      throw undecodable(topic, unknownFingerprint(writerFingerprint), null);
    }
    BinaryDecoder body =
        DecoderFactory.get().binaryDecoder(bytes, HEADER_BYTES, bytes.length - HEADER_BYTES, null);
    T value;
    try {
      value = reader.read(null, body);
      if (!body.isEnd()) {
        throw undecodable(
            topic,
            "corrupt "
                + type.getSimpleName()
                + ": "
                + body.remainingBytes()
                + " bytes left over after the record ("
                + bytes.length
                + " bytes)",
            null);
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof UndecodableRecordException undecodable) {
        throw undecodable;
      }
      // Corrupt bodies surface as EOF, AvroRuntimeException or index/size errors from the binary
      // decoder.
      throw undecodable(
          topic, "corrupt " + type.getSimpleName() + " body (" + bytes.length + " bytes): " + e, e);
    }
    return value;
  }

  /**
   * The reader resolving a writer schema to the current one; null for a fingerprint no release has.
   */
  private DatumReader<T> readerFor(long writerFingerprint) {
    Schema writer =
        writerFingerprint == fingerprint ? schema : released.findByFingerprint(writerFingerprint);
    if (writer == null) {
      return null;
    }
    return readersByWriterFingerprint.computeIfAbsent(
        writerFingerprint, fp -> new SpecificDatumReader<>(writer, schema, model));
  }

  private String unknownFingerprint(long writerFingerprint) {
    String known =
        ReleasedSchemas.describe(writerFingerprint)
            .map(other -> " (it is a " + other + ": wrong topic or serde?)")
            .orElse("");
    return String.format(
        "unknown schema fingerprint %016x: neither the current %s schema (%016x) nor one of its %d released versions%s",
        writerFingerprint, type.getSimpleName(), fingerprint, released.versions().size(), known);
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
