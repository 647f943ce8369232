package dsgen.worker.output;

import dsgen.records.GenerationParams;
import dsgen.records.ObjectRef;
import dsgen.records.PromptTask;
import dsgen.store.ObjectStore;
import dsgen.worker.generate.GeneratedImage;
import dsgen.worker.generate.ModelInfo;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Puts a generation's image and attention file under {@code
 * generations/{jobId}/{imageId}/{generationId}/}. The generation id is fresh per attempt, so no
 * record ever points at an object a later attempt overwrites. Object metadata carries what
 * determines the image (seed, model, steps, ...), never the prompt (S3 metadata is ASCII and small;
 * the attention file holds the prompt).
 */
public final class GenerationObjects {
  public static final String IMAGE_FILE = "image.png";
  public static final String ATTENTION_FILE = "attention.safetensors";
  public static final String IMAGE_TYPE = "image/png";
  public static final String ATTENTION_TYPE = "application/vnd.dsgen.attention+safetensors";

  private final ObjectStore store;

  public GenerationObjects(ObjectStore store) {
    this.store = store;
  }

  /** The folder of one attempt. */
  public static String prefix(String jobId, String imageId, String generationId) {
    return "generations/" + jobId + "/" + imageId + "/" + generationId + "/";
  }

  /**
   * Image first, attention second: a reader finding both knows the attempt is complete, and the
   * Generation record is published only after both puts returned.
   *
   * @throws dsgen.store.ObjectStoreUnavailableException when the store cannot be reached
   */
  public StoredObjects put(
      PromptTask task,
      String generationId,
      String captureProfile,
      GeneratedImage image,
      ModelInfo model,
      String workerId) {
    long t0 = System.nanoTime();
    String prefix = prefix(task.getJobId(), task.getImageId(), generationId);
    Map<String, String> metadata =
        metadata(task, generationId, captureProfile, image.sampler(), model, workerId);
    ObjectRef png = store.put(prefix + IMAGE_FILE, image.png(), IMAGE_TYPE, metadata);
    ObjectRef attention =
        store.put(prefix + ATTENTION_FILE, image.attention(), ATTENTION_TYPE, metadata);
    return new StoredObjects(png, attention, (System.nanoTime() - t0) / 1_000_000);
  }

  static Map<String, String> metadata(
      PromptTask task,
      String generationId,
      String captureProfile,
      String sampler,
      ModelInfo model,
      String workerId) {
    GenerationParams p = task.getParams();
    Map<String, String> m = new LinkedHashMap<>();
    m.put("image-id", ascii(task.getImageId()));
    m.put("job-id", ascii(task.getJobId()));
    m.put("generation-id", generationId);
    m.put("seed", Long.toString(task.getSeed()));
    m.put("model", ascii(model.modelId()));
    m.put("device", model.device());
    m.put("dtype", model.dtype());
    m.put("sampler", ascii(sampler));
    m.put("steps", Integer.toString(p.getSteps()));
    m.put("guidance-scale", Double.toString(p.getGuidanceScale()));
    m.put("width", Integer.toString(p.getWidth()));
    m.put("height", Integer.toString(p.getHeight()));
    m.put("capture-profile", ascii(captureProfile));
    m.put("attention-dtype", ascii(p.getAttentionDtype()));
    m.put("worker-id", ascii(workerId));
    return m;
  }

  /**
   * S3 user metadata is printable ASCII and small; ids are, a tensor-list profile or a model id
   * might not be.
   */
  private static String ascii(String s) {
    StringBuilder b = new StringBuilder(Math.min(s.length(), 256));
    for (int i = 0; i < s.length() && b.length() < 256; i++) {
      char c = s.charAt(i);
      b.append(c >= 0x20 && c <= 0x7e ? c : '?');
    }
    return b.toString();
  }
}
