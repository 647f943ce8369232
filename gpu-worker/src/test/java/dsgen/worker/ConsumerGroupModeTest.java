package dsgen.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dsgen.kafka.Topics;
import dsgen.localstack.LocalStack;
import dsgen.localstack.LocalStackExtension;
import dsgen.records.DeadLetter;
import dsgen.records.Generation;
import dsgen.worker.support.InProcessWorkers;
import dsgen.worker.support.RecordFeed;
import dsgen.worker.support.TopicLog;
import dsgen.worker.task.TestTasks;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * dsgen.worker.consumption=consumer-group: a classic group, offsets committed once the Generation
 * is published.
 */
@ExtendWith(LocalStackExtension.class)
class ConsumerGroupModeTest {
  private static final int TASKS = 10;
  private static final String GROUP = "dsgen-workers-classic";

  @Test
  @Timeout(180)
  void aClassicConsumerGroupGeneratesEveryTaskOnceAndCommitsToTheEnd(LocalStack stack)
      throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(Topics.PROMPTS.name(), 2, (short) 1))).all().get();
      try (InProcessWorkers workers = new InProcessWorkers();
          RecordFeed feed = new RecordFeed(stack.bootstrapServers());
          TopicLog<Generation> generations =
              new TopicLog<>(stack.bootstrapServers(), Topics.GENERATIONS);
          TopicLog<DeadLetter> deadLetters =
              new TopicLog<>(stack.bootstrapServers(), Topics.DEAD_LETTERS)) {
        Map<String, String> classic =
            Map.of("dsgen.worker.consumption", "consumer-group", "dsgen.worker.group-id", GROUP);
        workers.start(stack, "c1", classic);
        workers.start(stack, "c2", classic);
        workers.awaitRunning(Duration.ofSeconds(90));

        IntStream.range(0, TASKS).forEach(i -> feed.task(TestTasks.valid("classic", i).build()));
        feed.task(TestTasks.valid("classic", TASKS).setPrompt("").build());
        generations.readUntil(g -> g.size() >= TASKS, Duration.ofSeconds(120));
        List<Generation> all = generations.readFor(Duration.ofSeconds(2));

        Map<String, Long> perImage =
            all.stream()
                .collect(Collectors.groupingBy(Generation::getImageId, Collectors.counting()));
        assertEquals(TASKS, perImage.size());
        perImage.forEach((image, n) -> assertEquals(1L, n, image));
        assertEquals(
            List.of(String.format("classic-%06d", TASKS)),
            deadLetters.readUntil(d -> !d.isEmpty(), Duration.ofSeconds(30)).stream()
                .map(DeadLetter::getKey)
                .toList());
        awaitCommittedToEnd(admin, Duration.ofSeconds(30));
      }
    }
  }

  private static void awaitCommittedToEnd(Admin admin, Duration timeout) throws Exception {
    List<TopicPartition> parts =
        List.of(
            new TopicPartition(Topics.PROMPTS.name(), 0),
            new TopicPartition(Topics.PROMPTS.name(), 1));
    ListOffsetsResult ends =
        admin.listOffsets(
            parts.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())));
    Map<TopicPartition, Long> end =
        parts.stream()
            .collect(
                Collectors.toMap(
                    p -> p,
                    p -> {
                      try {
                        return ends.partitionResult(p).get().offset();
                      } catch (Exception e) {
                        throw new IllegalStateException(e);
                      }
                    }));
    Map<TopicPartition, Long> committed = Map.of();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get();
      committed =
          offsets.entrySet().stream()
              .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
      if (committed.equals(end)) {
        return;
      }
      Thread.sleep(200);
    }
    assertEquals(end, committed, "committed offsets reach the end of dsgen.prompts");
  }
}
