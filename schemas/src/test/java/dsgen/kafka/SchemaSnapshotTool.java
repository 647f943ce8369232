package dsgen.kafka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Release step: records the current schema of every contract record as its next released version
 * ({@code dsgen/schemas/<Record>/v<N>.avsc}) when it differs on the wire from the latest released
 * one. Run before tagging a release, from the repository root, after {@code ./mvnw -o -B package
 * -pl schemas}:
 *
 * <pre>
 * java -cp schemas/target/test-classes:schemas/target/classes:$(cat schemas/target/test-classpath.txt) \
 *     dsgen.kafka.SchemaSnapshotTool schemas/src/main/resources
 * </pre>
 *
 * Released files are never edited afterwards; the evolution test checks every one of them.
 */
public final class SchemaSnapshotTool {

  private SchemaSnapshotTool() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println(
          "usage: SchemaSnapshotTool <resources folder, e.g. schemas/src/main/resources>");
      System.exit(2);
    }
    Path resources = Path.of(args[0]);
    for (Class<? extends SpecificRecordBase> type : ReleasedSchemas.CONTRACT_RECORDS) {
      Schema current = SpecificData.getForClass(type).getSchema(type);
      ReleasedSchemas released = ReleasedSchemas.forRecord(type.getSimpleName());
      int count = released.versions().size();
      if (count > 0 && released.versionOf(ReleasedSchemas.fingerprint(current)).isPresent()) {
        System.out.printf(
            "%-18s unchanged since a released version (%d released)%n",
            type.getSimpleName(), count);
        continue;
      }
      Path file = resources.resolve(ReleasedSchemas.resourcePath(type.getSimpleName(), count + 1));
      Files.createDirectories(file.getParent());
      Files.writeString(file, current.toString(true) + "\n");
      System.out.printf("%-18s released as %s%n", type.getSimpleName(), file);
    }
  }
}
