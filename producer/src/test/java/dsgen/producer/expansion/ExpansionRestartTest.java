package dsgen.producer.expansion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dsgen.kafka.TopicAdmin;
import dsgen.kafka.Topics;
import dsgen.localstack.LocalStack;
import dsgen.localstack.LocalStackExtension;
import dsgen.producer.StageDouble;
import dsgen.producer.TestJobs;
import dsgen.producer.jobs.PromptExpansion;
import dsgen.records.JobSpec;
import dsgen.records.JobState;
import dsgen.records.PromptTask;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Restart safety on the real broker: a producer process killed with SIGKILL in the middle of a
 * transaction, then restarted, leaves exactly one task per index in dsgen.prompts, identical to
 * what an uninterrupted run produces.
 */
@ExtendWith(LocalStackExtension.class)
@Timeout(180)
class ExpansionRestartTest {
  static final int BATCH = 7;
  private static final int IMAGES = 40;

  @BeforeAll
  static void topics(LocalStack stack) {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
      TopicAdmin.createMissing(admin, Topics.all());
    }
  }

  static JobSpec job(String jobId, int images) {
    return TestJobs.spec(
        "{'jobId':'"
            + jobId
            + "','dataset':'crash','seed':5,'classes':[{'name':'cat'},{'name':'dog'}],"
            + "'imagesPerClass':"
            + images / 2
            + ",'recipes':[{'method':'diffumask'}]}");
  }

  @Test
  void producerKilledMidTransactionResumesWithoutDuplicatesOrGaps(LocalStack stack)
      throws Exception {
    String jobId = "crash-1";
    Process child = startDriver(stack, jobId, "crash-ledger-1");
    try {
      awaitLine(child, ExpansionCrashDriver.MARK + " batch=3 sent=4");
      child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    } finally {
      child.destroyForcibly();
    }

    try (StageDouble stages = new StageDouble(stack.bootstrapServers())) {
      // batch 1 is the job record alone, batches 2 and 3 hold tasks: 7 committed, 4 of an open
      // transaction
      assertEquals(BATCH, stages.committedTasks(jobId).size());
      assertTrue(
          stages.allTaskRecords(jobId).size() > BATCH, "the kill landed inside a transaction");

      try (JobLedger restarted = open(stack, "crash-ledger-1")) {
        assertEquals(
            BATCH,
            restarted.job(jobId).orElseThrow().getProducedTasks(),
            "progress committed with the tasks");
        while (restarted.job(jobId).orElseThrow().getState() == JobState.ACTIVE) {
          restarted.appendTasks(jobId, BATCH);
        }
        assertEquals(JobState.COMPLETED, restarted.job(jobId).orElseThrow().getState());
      }

      List<PromptTask> tasks = new ArrayList<>(stages.committedTasks(jobId));
      tasks.sort(Comparator.comparingLong(PromptTask::getIndex));
      assertEquals(IMAGES, tasks.size(), "no duplicates");
      PromptExpansion expected = new PromptExpansion(job(jobId, IMAGES));
      for (int i = 0; i < IMAGES; i++) {
        PromptTask t = tasks.get(i);
        assertEquals(i, t.getIndex(), "no gaps");
        PromptTask e = expected.taskAt(i, t.getCreatedAt());
        assertEquals(e, t, "task " + i + " is what an uninterrupted expansion produces");
      }
    }
  }

  @Test
  void aSecondInstanceFencesTheFirst(LocalStack stack) throws Exception {
    try (JobLedger first = open(stack, "fence-ledger")) {
      first.submit(job("fence-1", 20));
      first.appendTasks("fence-1", BATCH);
      try (JobLedger second = open(stack, "fence-ledger")) {
        assertEquals(BATCH, second.job("fence-1").orElseThrow().getProducedTasks());
        assertThrows(ProducerFencedException.class, () -> first.appendTasks("fence-1", BATCH));
        assertFalse(first.usable());
        second.appendTasks("fence-1", BATCH);
        assertEquals(2 * BATCH, second.job("fence-1").orElseThrow().getProducedTasks());
      }
    }
    try (StageDouble stages = new StageDouble(stack.bootstrapServers())) {
      assertEquals(2 * BATCH, stages.committedTasks("fence-1").size());
    }
  }

  private static JobLedger open(LocalStack stack, String transactionalId) throws Exception {
    return JobLedger.open(
        ExpansionCrashDriver.transactionalProducer(stack.bootstrapServers(), transactionalId),
        Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
        Clock.systemUTC(),
        Duration.ofSeconds(30));
  }

  private static Process startDriver(LocalStack stack, String jobId, String transactionalId)
      throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return new ProcessBuilder(
            java.toString(),
            "-cp",
            System.getProperty("java.class.path"),
            "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=dsgen.records",
            ExpansionCrashDriver.class.getName(),
            stack.bootstrapServers(),
            jobId,
            transactionalId,
            Integer.toString(IMAGES),
            "150")
        .redirectErrorStream(true)
        .start();
  }

  private static void awaitLine(Process process, String wanted) throws Exception {
    List<String> seen = new ArrayList<>();
    try (var reader =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        seen.add(line);
        if (line.contains(wanted)) {
          return;
        }
      }
    }
    throw new AssertionError(
        "driver ended before '" + wanted + "'; output: " + String.join("\n", seen));
  }
}
