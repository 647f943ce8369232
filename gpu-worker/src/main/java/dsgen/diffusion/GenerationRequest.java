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
 * guidance scale.
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

  /** A request whose attention file is lossless. */
  public GenerationRequest(
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
      String sampler) {
    this(
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
        AttentionFormat.LOSSLESS);
  }

  /**
   * A request whose tensors are those of a capture profile ({@link CaptureProfiles}) at this image
   * size: for offline use, where no producer resolved the profile.
   */
  public GenerationRequest(
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
      String attentionDtype) {
    this(
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
        attentionDtype,
        null);
  }

  /** As the offline constructor, with a sampler (null: the model folder's own). */
  public GenerationRequest(
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
      String attentionDtype,
      String sampler) {
    this(
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
        null,
        attentionDtype,
        sampler,
        AttentionFormat.LOSSLESS);
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
