package dsgen.kafka;

import dsgen.records.ClassEntry;
import dsgen.records.DeadLetter;
import dsgen.records.Generation;
import dsgen.records.GenerationParams;
import dsgen.records.GenerationTimings;
import dsgen.records.JobSpec;
import dsgen.records.MaskTimings;
import dsgen.records.ObjectRef;
import dsgen.records.Pair;
import dsgen.records.PromptTask;
import dsgen.records.RecipeRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Every released version of one record's schema, as shipped in the jar under {@code
 * dsgen/schemas/<Record>/v<N>.avsc} (N = 1, 2, … without gaps). A reader of the current record
 * resolves bytes written with any of them; the evolution test checks that this always works.
 */
public final class ReleasedSchemas implements SchemaStore {

  /**
   * Every record of the wire contract (one per file in {@code src/main/avro}); each has released
   * versions.
   */
  public static final List<Class<? extends SpecificRecordBase>> CONTRACT_RECORDS =
      List.of(
          JobSpec.class,
          PromptTask.class,
          Generation.class,
          Pair.class,
          DeadLetter.class,
          ObjectRef.class,
          ClassEntry.class,
          GenerationParams.class,
          RecipeRef.class,
          GenerationTimings.class,
          MaskTimings.class);

  /** Class-path folder holding one sub-folder of versions per record. */
  public static final String RESOURCE_ROOT = "dsgen/schemas";

  private final String recordName;
  private final List<Schema> versions;
  private final Map<Long, Schema> byFingerprint;

  /**
   * Which contract record a fingerprint belongs to, e.g. "Pair v1" or "Pair (current)", to tell an
   * operator that a record was written to the wrong topic rather than corrupted.
   */
  public static Optional<String> describe(long fingerprint) {
    return Optional.ofNullable(KnownFingerprints.ALL.get(fingerprint));
  }

  /** Fingerprints of every contract record's current and released schemas, built on first use. */
  private static final class KnownFingerprints {
    static final Map<Long, String> ALL = build();

    private static Map<Long, String> build() {
      Map<Long, String> all = new LinkedHashMap<>();
      for (Class<? extends SpecificRecordBase> type : CONTRACT_RECORDS) {
        ReleasedSchemas released = forRecord(type.getSimpleName());
        for (int i = 0; i < released.versions.size(); i++) {
          all.put(fingerprint(released.versions.get(i)), type.getSimpleName() + " v" + (i + 1));
        }
        all.putIfAbsent(
            fingerprint(SpecificData.getForClass(type).getSchema(type)),
            type.getSimpleName() + " (current)");
      }
      return Collections.unmodifiableMap(all);
    }
  }

  /** Released versions given directly (tests of schema evolution). */
  static ReleasedSchemas of(String recordName, List<Schema> versions) {
    return new ReleasedSchemas(recordName, versions);
  }

  private ReleasedSchemas(String recordName, List<Schema> versions) {
    this.recordName = recordName;
    this.versions = List.copyOf(versions);
    Map<Long, Schema> index = new LinkedHashMap<>();
    for (Schema version : versions) {
      index.put(fingerprint(version), version);
    }
    this.byFingerprint = Collections.unmodifiableMap(index);
  }

  /** Loads the released versions of the record with this simple name (e.g. {@code Generation}). */
  public static ReleasedSchemas forRecord(String recordName) {
    ClassLoader loader = ReleasedSchemas.class.getClassLoader();
    List<Schema> versions = new ArrayList<>();
    for (int version = 1; ; version++) {
      String path = resourcePath(recordName, version);
      try (InputStream in = loader.getResourceAsStream(path)) {
        if (in == null) {
          break;
        }
        versions.add(new Schema.Parser().parse(in));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read released schema " + path, e);
      }
    }
    return new ReleasedSchemas(recordName, versions);
  }

  /** Where version {@code version} (1-based) of a record lives on the class path. */
  public static String resourcePath(String recordName, int version) {
    return RESOURCE_ROOT + "/" + recordName + "/v" + version + ".avsc";
  }

  /** The Avro single-object-encoding fingerprint of a schema. */
  public static long fingerprint(Schema schema) {
    return SchemaNormalization.parsingFingerprint64(schema);
  }

  public String recordName() {
    return recordName;
  }

  /** Released versions, oldest first ({@code versions().get(0)} is v1). */
  public List<Schema> versions() {
    return versions;
  }

  /** The 1-based release number of the schema with this fingerprint, if it was released. */
  public Optional<Integer> versionOf(long fingerprint) {
    Schema schema = byFingerprint.get(fingerprint);
    return schema == null ? Optional.empty() : Optional.of(versions.indexOf(schema) + 1);
  }

  @Override
  public Schema findByFingerprint(long fingerprint) {
    return byFingerprint.get(fingerprint);
  }
}
