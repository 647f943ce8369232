package dsgen.diffusion;

import dsgen.attention.AttentionFormat;
import dsgen.attention.TensorName;
import dsgen.recipe.CaptureProfiles;
import dsgen.recipe.Resolutions;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One image to generate. {@code classPrompt} (Dataset Diffusion) and {@code descriptivePrompt}
 * (PCC/OVAM) are encoded for the attention file only and never condition the image; empty strings
 * mean none. A batch passed to {@link StableDiffusion#generate} shares width, height, steps and
 * guidance scale. Build one with {@link #builder()}.
 *
 * @param captureProfile the name the tensor list was resolved from, recorded in the attention file;
 *     a named profile ({@code default}, {@code full}, ...) lets the model skip tensors it cannot
 *     produce for this request, an explicit list does not
 * @param captureTensors the attention tensors to capture
 * @param attentionDtype storage precision of the attention file: {@code float16} (default) or
 *     {@code float32}
 * @param sampler ddim, pndm, dpmsolver++ or euler; null or blank: the model folder's own scheduler
 *     class when dsgen implements it, else ddim
 * @param attentionEncoding {@code lossless} (default: format dsgen-attention/1) or {@code compact}
 *     (dsgen-attention/2, encoded on the device)
 */
public record GenerationRequest(
    String prompt,
    String negativePrompt,
    String classPrompt,
    String descriptivePrompt,
    List<ClassSpec> classes,
    long seed,
    int width,
    int height,
    int steps,
    double guidanceScale,
    String captureProfile,
    SortedSet<TensorName> captureTensors,
    String attentionDtype,
    String sampler,
    String attentionEncoding) {

  public GenerationRequest {
    negativePrompt = negativePrompt == null ? "" : negativePrompt;
    classPrompt = classPrompt == null ? "" : classPrompt;
    descriptivePrompt = descriptivePrompt == null ? "" : descriptivePrompt;
    classes = classes == null ? List.of() : List.copyOf(classes);
    captureProfile = captureProfile == null ? CaptureProfiles.DEFAULT : captureProfile;
    captureTensors =
        captureTensors == null
            ? resolve(captureProfile, width)
            : Collections.unmodifiableSortedSet(new TreeSet<>(captureTensors));
    attentionDtype =
        attentionDtype == null || attentionDtype.isBlank() ? "float16" : attentionDtype;
    sampler = sampler == null || sampler.isBlank() ? null : sampler.strip();
    attentionEncoding =
        attentionEncoding == null || attentionEncoding.isBlank()
            ? AttentionFormat.LOSSLESS
            : attentionEncoding;
  }

  /**
   * A builder: callers name the fields they set; the rest take the defaults above (no negative,
   * class or descriptive prompt, no classes, the default capture profile resolved at this image
   * size, float16, the model folder's sampler, the lossless encoding).
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Collects the fields of a {@link GenerationRequest}; {@link #build} applies its defaults. */
  public static final class Builder {
    private String prompt;
    private String negativePrompt;
    private String classPrompt;
    private String descriptivePrompt;
    private List<ClassSpec> classes;
    private long seed;
    private int width;
    private int height;
    private int steps;
    private double guidanceScale;
    private String captureProfile;
    private SortedSet<TensorName> captureTensors;
    private String attentionDtype;
    private String sampler;
    private String attentionEncoding;

    private Builder() {}

    public Builder prompt(String prompt) {
      this.prompt = prompt;
      return this;
    }

    public Builder negativePrompt(String negativePrompt) {
      this.negativePrompt = negativePrompt;
      return this;
    }

    public Builder classPrompt(String classPrompt) {
      this.classPrompt = classPrompt;
      return this;
    }

    public Builder descriptivePrompt(String descriptivePrompt) {
      this.descriptivePrompt = descriptivePrompt;
      return this;
    }

    public Builder classes(List<ClassSpec> classes) {
      this.classes = classes;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder width(int width) {
      this.width = width;
      return this;
    }

    public Builder height(int height) {
      this.height = height;
      return this;
    }

    public Builder steps(int steps) {
      this.steps = steps;
      return this;
    }

    public Builder guidanceScale(double guidanceScale) {
      this.guidanceScale = guidanceScale;
      return this;
    }

    /** A named profile or a comma-separated tensor list; see {@link CaptureProfiles}. */
    public Builder captureProfile(String captureProfile) {
      this.captureProfile = captureProfile;
      return this;
    }

    /**
     * The tensors a producer resolved from the profile; unset (null): resolved here from the
     * profile at this image size, for offline use.
     */
    public Builder captureTensors(SortedSet<TensorName> captureTensors) {
      this.captureTensors = captureTensors;
      return this;
    }

    public Builder attentionDtype(String attentionDtype) {
      this.attentionDtype = attentionDtype;
      return this;
    }

    public Builder sampler(String sampler) {
      this.sampler = sampler;
      return this;
    }

    public Builder attentionEncoding(String attentionEncoding) {
      this.attentionEncoding = attentionEncoding;
      return this;
    }

    public GenerationRequest build() {
      return new GenerationRequest(
          prompt,
          negativePrompt,
          classPrompt,
          descriptivePrompt,
          classes,
          seed,
          width,
          height,
          steps,
          guidanceScale,
          captureProfile,
          captureTensors,
          attentionDtype,
          sampler,
          attentionEncoding);
    }
  }

  private static SortedSet<TensorName> resolve(String profile, int width) {
    if (profile.strip().equals(CaptureProfiles.NONE)) {
      return Collections.unmodifiableSortedSet(new TreeSet<>());
    }
    try {
      return Collections.unmodifiableSortedSet(
          CaptureProfiles.tensorsFor(profile, Resolutions.available(width / 8)));
    } catch (IllegalArgumentException e) {
      throw new InvalidGenerationRequestException("captureProfile", e.getMessage());
    }
  }

  /** Whether the attention file uses the compact encoding ({@value AttentionFormat#V2}). */
  public boolean attentionCompact() {
    return attentionEncoding.equals(AttentionFormat.COMPACT);
  }

  /** Whether the attention file stores float16 (else float32). */
  public boolean attentionFloat16() {
    return attentionDtype.equals("float16");
  }
}
