package dsgen.diffusion.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dsgen.diffusion.capture.AttentionCapture.PromptStates;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes every text of a batch in one text-encoder call: rows [negative prompts, prompts] become
 * the UNet's context [2B, L, D] in CFG order [uncond, cond]; class prompts (padded, 77 slots) and
 * descriptive prompts are encoded alongside for the attention capture only. The encoder is causal,
 * so a descriptive prompt's states for its first T tokens are the same whether or not padding
 * follows; they are encoded padded and cut to the longest.
 */
public record TextConditioning(NDArray context, PromptStates prompts) implements AutoCloseable {

  public static TextConditioning encode(
      LoadedModel model, NDManager manager, List<PlannedRequest> batch) {
    int b = batch.size();
    boolean anyClass = batch.stream().anyMatch(p -> p.classPromptIds() != null);
    boolean anyDescriptive = batch.stream().anyMatch(p -> p.descriptiveIds() != null);
    List<int[]> rows = new ArrayList<>();
    batch.forEach(p -> rows.add(p.negativeIds()));
    batch.forEach(p -> rows.add(p.promptIds()));
    int[] empty = model.tokenizer().encode("");
    if (anyClass) {
      batch.forEach(p -> rows.add(p.classPromptIds() != null ? p.classPromptIds() : empty));
    }
    int[] lengths = new int[b];
    int longest = 0;
    if (anyDescriptive) {
      for (int i = 0; i < b; i++) {
        PlannedRequest p = batch.get(i);
        lengths[i] = p.descriptiveIds() != null ? p.descriptiveIds().length : 2;
        longest = Math.max(longest, lengths[i]);
        rows.add(
            p.descriptiveIds() != null
                ? model.tokenizer().encode(p.request().descriptivePrompt())
                : empty);
      }
    }
    NDArray states = model.textEncoder().encode(manager, rows.toArray(new int[0][]));
    NDArray context = states.get("0:" + 2 * b);
    NDArray classStates = anyClass ? states.get(2 * b + ":" + 3 * b) : null;
    int descFrom = anyClass ? 3 * b : 2 * b;
    NDArray descStates =
        anyDescriptive ? states.get(descFrom + ":" + (descFrom + b) + ", 0:" + longest) : null;
    return new TextConditioning(
        context, new PromptStates(classStates, descStates, anyDescriptive ? lengths : null));
  }

  @Override
  public void close() {
    context.close();
    if (prompts.classStates() != null) {
      prompts.classStates().close();
    }
    if (prompts.descriptiveStates() != null) {
      prompts.descriptiveStates().close();
    }
  }
}
