package dsgen.worker.output;

import dsgen.kafka.AvroSerde;
import dsgen.records.Generation;
import dsgen.records.GenerationParams;
import dsgen.records.PromptTask;
import dsgen.store.ObjectStore;
import dsgen.store.ObjectStoreException;
import dsgen.store.ObjectStoreUnavailableException;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The completion marker of an image: {@code generations/{jobId}/{imageId}/completed.avro}, the
 * Generation record of the attempt whose image and attention file are stored. It is written only
 * after both objects are, and before the record is published, so a task redelivered after that
 * point (a lost acquisition lock, a failed acknowledgement, a publish that timed out) re-publishes
 * the same record instead of drawing the image again. Encoded like the record on {@code
 * dsgen.generations} (Avro single-object encoding), so released schema versions stay readable.
 */
public final class CompletionMarkers {
  private static final Logger LOG = LoggerFactory.getLogger(CompletionMarkers.class);
  public static final String MARKER_FILE = "completed.avro";
  public static final String MARKER_TYPE = "application/vnd.dsgen.generation+avro";
  private static final AvroSerde<Generation> SERDE = AvroSerde.of(Generation.class);

  private final ObjectStore store;

  public CompletionMarkers(ObjectStore store) {
    this.store = store;
  }

  /** The marker's key: beside the attempts' folders of the image, not inside one. */
  public static String key(String jobId, String imageId) {
    return "generations/" + jobId + "/" + imageId + "/" + MARKER_FILE;
  }

  /**
   * The finished generation of a task, if its marker exists and describes this task. A marker that
   * cannot be read, decoded or does not match the task is logged and ignored: the task is then
   * generated again and its new marker replaces the old one.
   *
   * @throws ObjectStoreUnavailableException when the store cannot be reached (transient)
   */
  public Optional<Generation> find(PromptTask task) {
    String key = key(task.getJobId(), task.getImageId());
    Optional<byte[]> bytes;
    try {
      bytes = store.read(key);
    } catch (ObjectStoreUnavailableException e) {
      throw e;
    } catch (ObjectStoreException e) {
      LOG.warn("Completion marker {} unusable, generating again: {}", key, e.getMessage());
      return Optional.empty();
    }
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    Generation g;
    try {
      g = SERDE.deserializer().deserialize(null, bytes.get());
    } catch (SerializationException e) {
      LOG.warn("Completion marker {} undecodable, generating again: {}", key, e.getMessage());
      return Optional.empty();
    }
    String mismatch = mismatch(task, g);
    if (mismatch != null) {
      LOG.warn("Completion marker {} is not this task's ({}), generating again", key, mismatch);
      return Optional.empty();
    }
    return Optional.of(g);
  }

  /**
   * Writes the marker of a generation whose objects are stored.
   *
   * @throws ObjectStoreUnavailableException when the store cannot be reached (transient)
   */
  public void write(Generation generation) {
    store.put(
        key(generation.getJobId(), generation.getImageId()),
        SERDE.serializer().serialize(null, generation),
        MARKER_TYPE,
        Map.of("generation-id", generation.getGenerationId()));
  }

  /** What tells the marker's record apart from the task's, or null when it is the task's. */
  static String mismatch(PromptTask task, Generation g) {
    if (!task.getImageId().equals(g.getImageId()) || !task.getJobId().equals(g.getJobId())) {
      return "it names " + g.getJobId() + "/" + g.getImageId();
    }
    if (task.getSeed() != g.getSeed()) {
      return "seed " + g.getSeed() + " instead of " + task.getSeed();
    }
    if (!task.getPrompt().equals(g.getPrompt())) {
      return "another prompt";
    }
    GenerationParams want = task.getParams();
    GenerationParams got = g.getParams();
    if (want.getWidth() != got.getWidth()
        || want.getHeight() != got.getHeight()
        || want.getSteps() != got.getSteps()
        || want.getGuidanceScale() != got.getGuidanceScale()) {
      return "other generation parameters";
    }
    return null;
  }
}
