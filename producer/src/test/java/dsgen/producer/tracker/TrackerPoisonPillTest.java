package dsgen.producer.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dsgen.kafka.Topic;
import dsgen.kafka.Topics;
import dsgen.producer.TestJobs;
import dsgen.producer.TestRecords;
import dsgen.producer.jobs.PromptExpansion;
import dsgen.records.JobSpec;
import dsgen.records.PromptTask;
import dsgen.records.RecipeRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Poison pills for the job tracker: every bad record kind on every topic it reads, with the Kafka
 * Streams settings of the producer's application.properties (its deserialization handler included).
 * The tracker must not throw (in the test driver a throw is what kills the stream thread), must
 * account for the bad record as stated in {@link SkippedRecords}, and must count the next valid
 * record.
 */
class TrackerPoisonPillTest {
  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

  enum Bad {
    NULL_VALUE,
    NULL_KEY,
    UNDECODABLE,
    WRONG_TYPE
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (Bad bad : Bad.values()) {
      for (Topic<String, ?> topic :
          List.of(Topics.PROMPTS, Topics.GENERATIONS, Topics.PAIRS, Topics.DEAD_LETTERS)) {
        out.add(Arguments.of(bad, topic.name()));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("cases")
  void badRecordIsSkippedAndTheNextOneCounted(Bad bad, String topicName) {
    JobSpec job =
        TestJobs.spec(
            "{'jobId':'pets','dataset':'pets','classes':[{'name':'cat'}],'imagesPerClass':2,"
                + "'recipes':[{'method':'diffumask'}]}");
    PromptTask task = new PromptExpansion(job).taskAt(0, T0);
    RecipeRef recipe = job.getRecipes().get(0);
    List<String> skipped = new ArrayList<>();
    try (TopologyTestDriver driver =
        new TopologyTestDriver(
            TrackerTopology.build(2, (topic, reason) -> skipped.add(topic + " " + reason)),
            producerStreamsProperties())) {
      Topic<String, Object> topic = topicNamed(topicName);
      Object valid =
          switch (topicName) {
            case "dsgen.prompts" -> task;
            case "dsgen.generations" -> TestRecords.generation(task, T0);
            case "dsgen.pairs" -> TestRecords.pair(task, recipe, T0);
            default ->
                TestRecords.deadLetter("gpu-worker", task.getImageId(), null, "bad prompt", T0);
          };
      byte[] key = topic.keySerializer().serialize(topicName, task.getImageId());
      byte[] value = topic.valueSerializer().serialize(topicName, valid);
      var raw =
          driver.createInputTopic(topicName, new ByteArraySerializer(), new ByteArraySerializer());
      switch (bad) {
        case NULL_VALUE -> raw.pipeInput(key, (byte[]) null);
        case NULL_KEY -> raw.pipeInput((byte[]) null, value);
        case UNDECODABLE -> raw.pipeInput(key, new byte[] {(byte) 0xC3, 0x01, 42, 42, 42});
        case WRONG_TYPE -> raw.pipeInput(key, Topics.JOBS.valueSerializer().serialize("x", job));
      }
      raw.pipeInput(key, value);

      String store =
          switch (topicName) {
            case "dsgen.prompts" -> TrackerTopology.SUBMITTED;
            case "dsgen.generations" -> TrackerTopology.GENERATED;
            case "dsgen.pairs" -> TrackerTopology.PAIRED;
            default -> TrackerTopology.DEAD_LETTERED;
          };
      String group = store.equals(TrackerTopology.PAIRED) ? "pets/" + recipe.getRecipeId() : "pets";
      KeyValueStore<String, Long> counts = driver.getKeyValueStore(store);
      assertEquals(1L, counts.get(group), "the valid record after the bad one is counted, once");

      boolean keyed = topicName.equals("dsgen.prompts") || topicName.equals("dsgen.generations");
      List<String> expectedSkips =
          switch (bad) {
            case NULL_VALUE -> List.of(topicName + " " + SkippedRecords.NULL_VALUE);
            case NULL_KEY -> keyed ? List.of(topicName + " " + SkippedRecords.NULL_KEY) : List.of();
            default -> List.of();
          };
      assertEquals(expectedSkips, skipped, "reported skips");
      boolean undecodable = bad == Bad.UNDECODABLE || bad == Bad.WRONG_TYPE;
      assertEquals(
          undecodable ? 1.0 : 0.0,
          droppedRecords(driver),
          "undecodable records are counted by the deserialization handler");
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Topic<String, Object> topicNamed(String name) {
    List<Topic> topics =
        List.of(Topics.PROMPTS, Topics.GENERATIONS, Topics.PAIRS, Topics.DEAD_LETTERS);
    return topics.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
  }

  private static double droppedRecords(TopologyTestDriver driver) {
    return driver.metrics().entrySet().stream()
        .filter(e -> e.getKey().name().equals("dropped-records-total"))
        .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
        .sum();
  }

  /** The producer's own {@code kafka-streams.*} settings, placeholders left out. */
  static Properties producerStreamsProperties() {
    Properties file = new Properties();
    try (InputStream in =
        TrackerPoisonPillTest.class.getResourceAsStream("/application.properties")) {
      file.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Properties props = new Properties();
    for (String name : file.stringPropertyNames()) {
      String v = file.getProperty(name);
      if (name.startsWith("kafka-streams.") && !v.contains("${")) {
        props.put(name.substring("kafka-streams.".length()), v);
      }
    }
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "tracker-poison-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    return props;
  }
}
