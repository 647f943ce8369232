package dsgen.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dsgen.records.JobSpec;
import dsgen.records.JobState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Services must not need {@code -Dorg.apache.avro.SERIALIZABLE_PACKAGES}: a JVM without it decodes
 * records with generated enums once the contract's serde is used. Surefire sets the property for
 * every other test, so this check runs in a child JVM.
 */
class AvroClassTrustTest {

  /**
   * Entry point of the child JVM: exit 0 when a JobSpec whose enum takes its default can be built
   * and decoded with the generated helpers alone (nothing of dsgen.kafka touched first), then
   * through the topic's serde.
   */
  public static void main(String[] args) throws Exception {
    JobSpec.Builder builder = JobSpec.newBuilder(SampleRecords.jobSpec());
    builder.clearState();
    JobSpec job = builder.build();
    JobSpec viaGenerated = JobSpec.fromByteBuffer(job.toByteBuffer());
    byte[] bytes = Topics.JOBS.valueSerializer().serialize(Topics.JOBS.name(), job);
    JobSpec viaTopic = Topics.JOBS.valueDeserializer().deserialize(Topics.JOBS.name(), bytes);
    boolean ok =
        viaGenerated.equals(job) && viaTopic.equals(job) && job.getState() == JobState.ACTIVE;
    System.exit(ok ? 0 : 1);
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void recordsWithEnumsDecodeWithoutTheJvmFlag() throws Exception {
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                AvroClassTrustTest.class.getName())
            .redirectErrorStream(true)
            .start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, child.waitFor(), "child JVM without SERIALIZABLE_PACKAGES failed:\n" + output);
  }
}
