package dsgen.masks.io;

import java.util.List;

/**
 * The {@code __metadata__} of an attention file (ALGORITHMS.md A2). Numbers the file leaves out are
 * -1 and texts empty; {@link #classes()}, {@link #resolutions()} and {@link #format()} are always
 * present.
 */
public record AttentionMetadata(
    String format,
    String prompt,
    String negativePrompt,
    String classPrompt,
    String descriptivePrompt,
    List<Integer> tokenIds,
    List<AttentionClass> classes,
    String model,
    String scheduler,
    int steps,
    List<Integer> timesteps,
    double guidanceScale,
    long seed,
    int latentSize,
    List<Integer> resolutions,
    String dtype,
    String captureProfile) {
  /** The only format version this reader understands. */
  public static final String FORMAT = "dsgen-attention/1";

  /** Text length of the cross-attention key axis (77 for CLIP). */
  public static final int TEXT_LENGTH = 77;

  public AttentionMetadata {
    tokenIds = List.copyOf(tokenIds);
    classes = List.copyOf(classes);
    timesteps = List.copyOf(timesteps);
    resolutions = List.copyOf(resolutions);
  }

  /** R: the largest attention resolution (latent size). */
  public int topResolution() {
    return resolutions.stream().mapToInt(Integer::intValue).max().orElseThrow();
  }

  public boolean hasClassPrompt() {
    return classPrompt != null && !classPrompt.isEmpty();
  }
}
