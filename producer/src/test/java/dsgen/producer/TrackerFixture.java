package dsgen.producer;

import dsgen.kafka.Topic;
import dsgen.producer.gallery.GalleryQueries;
import dsgen.producer.gallery.GalleryStores;
import dsgen.producer.jobs.PromptExpansion;
import dsgen.producer.tracker.TrackerTopology;
import dsgen.records.JobSpec;
import dsgen.records.PromptTask;
import dsgen.records.RecipeRef;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.stream.LongStream;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The job tracker topology (with the gallery index) in a {@link TopologyTestDriver} under
 * exactly-once v2, and the job the tracker tests feed it: {@code pets}, classes cat and dog, 3
 * images each (6 tasks, classes cycling fastest: 0 cat, 1 dog, 2 cat, ...), recipes diffumask and
 * dataset-diffusion.
 */
public final class TrackerFixture implements AutoCloseable {
  /** The tasks' creation time. */
  public static final Instant T0 = TestJobs.NOW;

  private final TopologyTestDriver driver;
  private final JobSpec job;
  private final PromptExpansion expansion;
  private final List<PromptTask> tasks;

  public TrackerFixture() {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "tracker-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    driver = new TopologyTestDriver(TrackerTopology.build(2, (topic, reason) -> {}), props);
    job =
        TestJobs.spec(
            "{'jobId':'pets','dataset':'pets','classes':[{'name':'cat'},{'name':'dog'}],'imagesPerClass':3,"
                + "'recipes':[{'method':'diffumask'},{'method':'dataset-diffusion'}]}");
    expansion = new PromptExpansion(job);
    tasks = LongStream.range(0, 6).mapToObj(i -> expansion.taskAt(i, T0)).toList();
  }

  public JobSpec job() {
    return job;
  }

  /** The job's six tasks, in expansion order. */
  public List<PromptTask> tasks() {
    return tasks;
  }

  public RecipeRef diffumask() {
    return job.getRecipes().get(0);
  }

  public RecipeRef datasetDiffusion() {
    return job.getRecipes().get(1);
  }

  public <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
    return driver.createInputTopic(topic.name(), topic.keySerializer(), topic.valueSerializer());
  }

  public <V> KeyValueStore<String, V> store(String name) {
    return driver.getKeyValueStore(name);
  }

  /** A count of a tracker store; null when the key was never counted. */
  public Long count(String store, String key) {
    return this.<Long>store(store).get(key);
  }

  /** The gallery's queries over the driver's stores. */
  public GalleryQueries gallery() {
    return new GalleryQueries(
        new GalleryStores() {
          @Override
          public <V> ReadOnlyKeyValueStore<String, V> store(String name) {
            return driver.getKeyValueStore(name);
          }

          @Override
          public String state() {
            return "RUNNING";
          }
        });
  }

  @Override
  public void close() {
    driver.close();
  }
}
