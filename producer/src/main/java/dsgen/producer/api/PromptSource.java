package dsgen.producer.api;

import dsgen.records.Caption;
import dsgen.records.ExplicitPrompt;
import dsgen.records.PromptMode;
import java.util.List;

/** Where a job's prompts come from, validated; one pass through it is the cycle expansion walks. */
record PromptSource(
    PromptMode mode,
    List<String> templates,
    int imagesPerClass,
    List<Caption> captions,
    List<ExplicitPrompt> prompts,
    int repeats) {

  long cycleLength(int classCount) {
    return switch (mode) {
      case TEMPLATES -> (long) classCount * templates.size();
      case CAPTIONS -> captions.size();
      case PROMPTS -> prompts.size();
    };
  }

  long finiteTotal(int classCount) {
    return cycleLength(classCount) * (mode == PromptMode.TEMPLATES ? imagesPerClass : repeats);
  }
}
