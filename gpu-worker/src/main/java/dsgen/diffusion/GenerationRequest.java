package dsgen.diffusion;

import java.util.List;

/**
 * One image to generate. {@code classPrompt} (Dataset Diffusion) and {@code descriptivePrompt}
 * (PCC/OVAM) are encoded for the attention file only and never condition the image; empty strings
 * mean none. A batch passed to {@link StableDiffusion#generate} shares width, height, steps and
 * guidance scale.
 *
 * @param captureProfile {@code default}, {@code full}, {@code none} or a comma-separated tensor
 *     list
 * @param attentionDtype storage precision of the attention file: {@code float16} (default) or
 *     {@code float32}
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
    String attentionDtype) {

  public GenerationRequest {
    negativePrompt = negativePrompt == null ? "" : negativePrompt;
    classPrompt = classPrompt == null ? "" : classPrompt;
    descriptivePrompt = descriptivePrompt == null ? "" : descriptivePrompt;
    classes = classes == null ? List.of() : List.copyOf(classes);
    captureProfile = captureProfile == null ? "default" : captureProfile;
    attentionDtype =
        attentionDtype == null || attentionDtype.isBlank() ? "float16" : attentionDtype;
  }

  /** Whether the attention file stores float16 (else float32). */
  public boolean attentionFloat16() {
    return attentionDtype.equals("float16");
  }
}
