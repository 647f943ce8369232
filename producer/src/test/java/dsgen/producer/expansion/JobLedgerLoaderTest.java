package dsgen.producer.expansion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dsgen.kafka.DeadLetters;
import dsgen.kafka.TopicAdmin;
import dsgen.kafka.Topics;
import dsgen.localstack.LocalStack;
import dsgen.localstack.LocalStackExtension;
import dsgen.producer.TestJobs;
import dsgen.records.JobSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The producer's ledger loader on the real broker: every bad record kind on dsgen.jobs (null value,
 * null key, undecodable bytes, a record of another type) is handled as its Javadoc says and the
 * jobs around it load.
 */
@ExtendWith(LocalStackExtension.class)
class JobLedgerLoaderTest {

  @Test
  @Timeout(60)
  void badJobRecordsAreSkippedAndTheOthersLoad(LocalStack stack) throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
      TopicAdmin.createMissing(admin, Topics.all());
    }
    JobSpec before = job("ledger-before");
    JobSpec deleted = job("ledger-deleted");
    JobSpec nullKey = job("ledger-null-key");
    JobSpec after = job("ledger-after");
    String topic = Topics.JOBS.name();
    try (var producer =
        new KafkaProducer<>(
            Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      send(producer, before.getJobId(), encode(before));
      send(producer, deleted.getJobId(), encode(deleted));
      send(producer, deleted.getJobId(), null); // tombstone: deletes
      // a null key cannot reach the loader: the broker refuses keyless records on a compacted topic
      assertThrows(Exception.class, () -> send(producer, null, encode(nullKey)));
      send(producer, "ledger-garbage", "not avro".getBytes(StandardCharsets.UTF_8));
      send(
          producer,
          "ledger-wrong-type",
          Topics.DEAD_LETTERS
              .valueSerializer()
              .serialize(
                  Topics.DEAD_LETTERS.name(),
                  DeadLetters.at("test", topic, 0, 0).reason("r").errorClass("e").build()));
      send(producer, after.getJobId(), encode(after));
    }
    Map<String, JobSpec> jobs =
        JobLedgerLoader.load(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
            Duration.ofSeconds(30));
    assertEquals(before, jobs.get(before.getJobId()));
    assertFalse(jobs.containsKey(deleted.getJobId()), "the tombstone deleted its job");
    assertEquals(after, jobs.get(after.getJobId()), "the job after the bad records loads");
    assertTrue(
        jobs.keySet().stream().noneMatch(id -> id.startsWith("ledger-garbage")),
        "nothing is made up from unreadable records");
  }

  private static JobSpec job(String id) {
    return TestJobs.spec(
        "{'jobId':'"
            + id
            + "','dataset':'d','classes':[{'name':'cat'}],'imagesPerClass':1,"
            + "'recipes':[{'method':'diffumask'}]}");
  }

  private static byte[] encode(JobSpec job) {
    return Topics.JOBS.valueSerializer().serialize(Topics.JOBS.name(), job);
  }

  private static void send(KafkaProducer<byte[], byte[]> producer, String key, byte[] value)
      throws Exception {
    byte[] k = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
    producer.send(new ProducerRecord<>(Topics.JOBS.name(), k, value)).get();
  }
}
