package dsgen.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dsgen.records.Generation;
import dsgen.records.ObjectRef;
import dsgen.records.Pair;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AvroSerdeTest {

  static Stream<SpecificRecordBase> everyRecord() {
    return SampleRecords.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyRecord")
  @SuppressWarnings({"unchecked", "rawtypes"})
  void everyRecordRoundTripsWithAllFieldsPopulated(SpecificRecordBase record) {
    AvroSerde serde = AvroSerde.of(record.getClass());
    byte[] bytes = serde.serializer().serialize("any-topic", record);
    Object decoded = serde.deserializer().deserialize("any-topic", bytes);
    assertEquals(record, decoded);
  }

  @Test
  void everyContractRecordHasASample() {
    assertEquals(
        ReleasedSchemas.CONTRACT_RECORDS,
        SampleRecords.all().stream().map(Object::getClass).toList());
  }

  @Test
  void bytesAreSingleObjectEncodingWithTheSchemaFingerprint() {
    AvroSerde<Generation> serde = AvroSerde.of(Generation.class);
    byte[] bytes = serde.encode(SampleRecords.generation());
    assertEquals((byte) 0xC3, bytes[0]);
    assertEquals((byte) 0x01, bytes[1]);
    long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    assertEquals(ReleasedSchemas.fingerprint(Generation.getClassSchema()), fingerprint);
  }

  @Test
  void tombstonesStayNull() {
    AvroSerde<Generation> serde = AvroSerde.of(Generation.class);
    assertNull(serde.serializer().serialize("t", null));
    assertNull(serde.deserializer().deserialize("t", null));
  }

  @Test
  void unknownFingerprintIsReportedNotNull() {
    byte[] bytes = AvroSerde.of(ObjectRef.class).encode(SampleRecords.objectRef("a.png"));
    bytes[5] ^= 0x5a; // another fingerprint, same body
    UndecodableRecordException e =
        assertThrows(
            UndecodableRecordException.class,
            () -> AvroSerde.of(ObjectRef.class).deserializer().deserialize("dsgen.x", bytes));
    assertTrue(e.reason().contains("unknown schema fingerprint"), e.reason());
    assertEquals("dsgen.x", e.topic());
    assertEquals(-1, e.partition());
  }

  @Test
  void recordOfAnotherTypeIsReportedAsUnknownFingerprint() {
    byte[] pair = AvroSerde.of(Pair.class).encode(SampleRecords.pair());
    UndecodableRecordException e =
        assertThrows(
            UndecodableRecordException.class, () -> AvroSerde.of(Generation.class).decode(pair));
    assertTrue(e.reason().contains("it is a Pair v"), e.reason());
  }

  @Test
  void bytesWithoutTheHeaderAreReported() {
    UndecodableRecordException e =
        assertThrows(
            UndecodableRecordException.class,
            () -> AvroSerde.of(Generation.class).decode("{\"imageId\":\"x\"}".getBytes()));
    assertTrue(e.reason().contains("single-object"), e.reason());
  }

  @Test
  void everyTruncationOfARecordIsReported() {
    byte[] full = AvroSerde.of(Generation.class).encode(SampleRecords.generation());
    for (int length = 0; length < full.length; length++) {
      byte[] truncated = Arrays.copyOf(full, length);
      assertThrows(
          UndecodableRecordException.class,
          () -> AvroSerde.of(Generation.class).decode(truncated),
          "truncated to " + length + " of " + full.length + " bytes");
    }
  }

  /**
   * A corrupt length prefix must be checked against the bytes actually there, before anything is
   * allocated: a 1 GiB string claim in a 15-byte record would otherwise take a gigabyte of heap (an
   * OutOfMemoryError in a small service) before failing.
   */
  @Test
  void hugeLengthPrefixesInACorruptBodyAreRejectedBeforeAllocating() {
    byte[] header =
        Arrays.copyOf(AvroSerde.of(ObjectRef.class).encode(SampleRecords.objectRef("a.png")), 10);
    for (byte[] body :
        List.of(
            new byte[] {
              (byte) 0xfe, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f
            }, // string length 2^31-1
            new byte[] {
              (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08
            }, // string length 2^30
            new byte[] {0x01})) { // negative length
      byte[] bytes = ByteBuffer.allocate(header.length + body.length).put(header).put(body).array();
      com.sun.management.ThreadMXBean threads =
          (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
      long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
      UndecodableRecordException e =
          assertThrows(
              UndecodableRecordException.class, () -> AvroSerde.of(ObjectRef.class).decode(bytes));
      long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
      assertTrue(e.reason().startsWith("corrupt ObjectRef body"), e.reason());
      assertTrue(
          allocated < 16 << 20,
          "decoding " + bytes.length + " corrupt bytes allocated " + allocated + " bytes");
    }
  }

  @Test
  void trailingBytesAfterARecordAreReported() {
    byte[] valid = AvroSerde.of(ObjectRef.class).encode(SampleRecords.objectRef("a.png"));
    byte[] longer = Arrays.copyOf(valid, valid.length + 3);
    UndecodableRecordException e =
        assertThrows(
            UndecodableRecordException.class, () -> AvroSerde.of(ObjectRef.class).decode(longer));
    assertTrue(e.reason().contains("3 bytes left over"), e.reason());
  }

  @Test
  void aValueBreakingItsSchemaIsReportedWhenEncoding() {
    ObjectRef incomplete = SampleRecords.objectRef("a.png");
    incomplete.setUri(null);
    SerializationException e =
        assertThrows(
            SerializationException.class, () -> AvroSerde.of(ObjectRef.class).encode(incomplete));
    assertTrue(e.getMessage().contains("ObjectRef"), e.getMessage());
  }

  @Test
  void decodedBytesEqualTheGeneratedHelper() throws Exception {
    ObjectRef ref = SampleRecords.objectRef("a.png");
    ByteBuffer generated = ref.toByteBuffer();
    byte[] expected = new byte[generated.remaining()];
    generated.get(expected);
    assertArrayEquals(expected, AvroSerde.of(ObjectRef.class).encode(ref));
  }
}
