package dsgen.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dsgen.records.GenerationTimings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The wire contract may only evolve compatibly: for every record and every released version kept in
 * the jar, the current schema reads data written with the released one, and a reader still on the
 * released one reads data written with the current schema. An incompatible edit of {@code
 * src/main/avro} fails this test and so the build.
 */
class SchemaEvolutionTest {

  record Release(Class<? extends SpecificRecordBase> type, int version, Schema schema) {
    @Override
    public String toString() {
      return type.getSimpleName() + " v" + version;
    }
  }

  static Stream<Arguments> releases() {
    List<Arguments> all = new ArrayList<>();
    for (Class<? extends SpecificRecordBase> type : ReleasedSchemas.CONTRACT_RECORDS) {
      List<Schema> versions = ReleasedSchemas.forRecord(type.getSimpleName()).versions();
      for (int i = 0; i < versions.size(); i++) {
        all.add(Arguments.of(new Release(type, i + 1, versions.get(i))));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("releases")
  void currentSchemaReadsDataWrittenWithTheRelease(Release release) {
    assertCompatible(
        current(release.type()), release.schema(), "the current " + release + " reader");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("releases")
  void readersOfTheReleaseReadDataWrittenWithTheCurrentSchema(Release release) {
    assertCompatible(release.schema(), current(release.type()), "a " + release + " reader");
  }

  /**
   * A real round trip: the sample record as a producer on the released schema would have written it
   * (single-object bytes carrying the released fingerprint), decoded by the current serde.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("releases")
  @SuppressWarnings({"unchecked", "rawtypes"})
  void bytesWrittenWithTheReleaseDecodeThroughTheCurrentSerde(Release release) throws IOException {
    SpecificRecordBase sample = sampleOf(release.type());
    AvroSerde serde = AvroSerde.of(release.type());
    GenericRecord asReleased = project(sample, release.schema());

    byte[] oldBytes =
        new BinaryMessageEncoder<GenericRecord>(GenericData.get(), release.schema())
            .encode(asReleased)
            .array();
    SpecificRecordBase decoded = (SpecificRecordBase) serde.decode(oldBytes);

    // What the release knew survives; what it did not know takes the current defaults; a renamed
    // field (an alias of the current field) carries the released value over.
    assertEquals(asReleased, project(decoded, release.schema()));
    for (Schema.Field field : current(release.type()).getFields()) {
      Schema.Field renamedFrom =
          field.aliases().stream()
              .map(alias -> release.schema().getField(alias))
              .filter(Objects::nonNull)
              .findFirst()
              .orElse(null);
      if (renamedFrom != null) {
        assertEquals(
            String.valueOf(asReleased.get(renamedFrom.name())),
            String.valueOf(decoded.get(field.pos())),
            field.name() + " should carry the released " + renamedFrom.name());
      } else if (release.schema().getField(field.name()) == null) {
        Object expected = SpecificData.getForClass(release.type()).getDefaultValue(field);
        assertTrue(
            Objects.equals(expected, decoded.get(field.pos())),
            field.name() + " should take its default");
      }
    }
  }

  @Test
  void everySchemaFileIsAContractRecordWithAtLeastOneRelease() throws IOException {
    List<String> files;
    try (Stream<Path> avsc = Files.list(Path.of("src/main/avro"))) {
      files = avsc.map(p -> p.getFileName().toString().replace(".avsc", "")).sorted().toList();
    }
    List<String> contract =
        ReleasedSchemas.CONTRACT_RECORDS.stream().map(Class::getSimpleName).sorted().toList();
    assertEquals(files, contract, "src/main/avro vs ReleasedSchemas.CONTRACT_RECORDS");
    for (Class<? extends SpecificRecordBase> type : ReleasedSchemas.CONTRACT_RECORDS) {
      ReleasedSchemas released = ReleasedSchemas.forRecord(type.getSimpleName());
      assertFalse(
          released.versions().isEmpty(),
          type.getSimpleName() + " has no released schema: run SchemaSnapshotTool");
      for (Schema version : released.versions()) {
        assertEquals(
            type.getName(), version.getFullName(), "released file of " + type.getSimpleName());
      }
    }
  }

  /**
   * What a future v2 relies on: bytes from a producer on an older schema (here GenerationTimings
   * without {@code batchSize}) are read through the released-version store, and the missing field
   * takes its default.
   */
  @Test
  void bytesFromAnOlderWriterResolveToTheCurrentRecordWithDefaults() throws IOException {
    Schema current = GenerationTimings.getClassSchema();
    Schema older =
        Schema.createRecord(
            current.getName(),
            current.getDoc(),
            current.getNamespace(),
            false,
            current.getFields().stream()
                .filter(f -> !f.name().equals("batchSize"))
                .map(f -> new Schema.Field(f, f.schema()))
                .toList());
    GenericRecord old = new GenericData.Record(older);
    old.put("queuedMs", 1L);
    old.put("textEncodeMs", 2L);
    old.put("denoiseMs", 3L);
    old.put("decodeMs", 4L);
    old.put("captureMs", 5L);
    old.put("storeMs", 6L);
    byte[] bytes =
        new BinaryMessageEncoder<GenericRecord>(GenericData.get(), older).encode(old).array();

    assertThrows(
        UndecodableRecordException.class,
        () -> AvroSerde.of(GenerationTimings.class).decode(bytes),
        "an unreleased writer schema is unknown");
    GenerationTimings decoded =
        new AvroSerde<>(
                GenerationTimings.class, ReleasedSchemas.of("GenerationTimings", List.of(older)))
            .decode(bytes);
    assertEquals(
        GenerationTimings.newBuilder()
            .setQueuedMs(1)
            .setTextEncodeMs(2)
            .setDenoiseMs(3)
            .setDecodeMs(4)
            .setCaptureMs(5)
            .setStoreMs(6)
            .setBatchSize(1)
            .build(),
        decoded);
  }

  /** Guards the guard: the check above must reject the usual breaking edits. */
  @Test
  void theCheckRejectsBreakingChanges() {
    Schema v1 =
        new Schema.Parser()
            .parse(
                """
                {"type":"record","name":"R","fields":[{"name":"a","type":"string"}]}""");
    Schema newRequiredField =
        new Schema.Parser()
            .parse(
                """
                {"type":"record","name":"R","fields":[{"name":"a","type":"string"},{"name":"b","type":"int"}]}""");
    Schema changedType =
        new Schema.Parser()
            .parse(
                """
                {"type":"record","name":"R","fields":[{"name":"a","type":"int"}]}""");
    Schema removedFieldWithoutDefault =
        new Schema.Parser()
            .parse(
                """
                {"type":"record","name":"R","fields":[]}""");
    assertFalse(
        compatible(newRequiredField, v1),
        "new field without default: the new reader cannot read old data");
    assertFalse(compatible(v1, changedType) && compatible(changedType, v1), "changed field type");
    assertFalse(
        compatible(v1, removedFieldWithoutDefault),
        "removed field without default: old readers break");
  }

  private static void assertCompatible(Schema reader, Schema writer, String who) {
    SchemaCompatibility.SchemaPairCompatibility result =
        SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
    assertEquals(
        SchemaCompatibilityType.COMPATIBLE,
        result.getType(),
        () ->
            who
                + " cannot read the other schema: "
                + result.getResult().getIncompatibilities().stream()
                    .map(i -> i.getType() + " at " + i.getLocation() + " (" + i.getMessage() + ")")
                    .toList());
  }

  private static boolean compatible(Schema reader, Schema writer) {
    return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType()
        == SchemaCompatibilityType.COMPATIBLE;
  }

  private static Schema current(Class<? extends SpecificRecordBase> type) {
    return SpecificData.getForClass(type).getSchema(type);
  }

  private static SpecificRecordBase sampleOf(Class<? extends SpecificRecordBase> type) {
    return SampleRecords.all().stream().filter(type::isInstance).findFirst().orElseThrow();
  }

  /** The record as a reader on {@code target} sees it (Avro schema resolution, no conversions). */
  private static GenericRecord project(SpecificRecordBase record, Schema target)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new org.apache.avro.specific.SpecificDatumWriter<SpecificRecordBase>(
            record.getSchema(), SpecificData.getForClass(record.getClass()))
        .write(record, encoder);
    encoder.flush();
    BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(out.toByteArray(), null);
    return new GenericDatumReader<GenericRecord>(record.getSchema(), target, GenericData.get())
        .read(null, decoder);
  }
}
