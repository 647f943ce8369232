package dsgen.diffusion.pipeline;

import dsgen.attention.TensorName;
import dsgen.diffusion.ClassTokens;
import dsgen.diffusion.GenerationRequest;
import dsgen.diffusion.scheduler.Sampler;
import java.util.List;
import java.util.SortedSet;

/**
 * A validated request with its token ids (padded to the tokenizer length; the descriptive prompt
 * unpadded), its classes' token positions, the attention tensors to capture for it and the sampler
 * that runs it (the requested one, or the model folder's default).
 */
public record PlannedRequest(
    GenerationRequest request,
    int[] promptIds,
    int[] negativeIds,
    int[] classPromptIds,
    int[] descriptiveIds,
    List<ClassTokens> classes,
    SortedSet<TensorName> tensors,
    Sampler sampler) {}
