package dsgen.diffusion.pipeline;

import dsgen.attention.AttentionClass;
import dsgen.attention.AttentionFormat;
import dsgen.attention.AttentionMetadata;
import dsgen.diffusion.ClassTokens;
import dsgen.diffusion.GenerationRequest;
import dsgen.diffusion.scheduler.SamplerKind;
import java.util.Arrays;
import java.util.List;

/** The attention file metadata of one planned request, as the contract defines it. */
final class CaptureMetadata {
  private CaptureMetadata() {}

  static AttentionMetadata of(
      PlannedRequest p,
      String modelId,
      int[] timesteps,
      int latentSide,
      List<Integer> resolutions,
      String computeDtype,
      SamplerKind sampler,
      int unetCalls) {
    GenerationRequest r = p.request();
    List<AttentionClass> classes =
        p.classes().stream()
            .map(
                (ClassTokens c) ->
                    new AttentionClass(
                        c.name(),
                        c.label(),
                        c.promptTokens(),
                        c.classPromptTokens(),
                        c.descriptiveTokens()))
            .toList();
    return new AttentionMetadata(
        AttentionFormat.ofEncoding(r.attentionEncoding()),
        r.prompt(),
        r.negativePrompt(),
        r.classPrompt(),
        r.descriptivePrompt(),
        Arrays.stream(p.promptIds()).boxed().toList(),
        classes,
        modelId,
        sampler.metadataName(),
        r.steps(),
        Arrays.stream(timesteps).boxed().toList(),
        r.guidanceScale(),
        r.seed(),
        latentSide,
        resolutions,
        computeDtype,
        r.captureProfile(),
        sampler.id(),
        unetCalls);
  }
}
