package dsgen.diffusion.capture;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import dsgen.diffusion.attention.AttentionCall;
import dsgen.diffusion.nn.Heads;
import java.util.HashMap;
import java.util.Map;

/**
 * Keys of recorded-only text states (class prompt, descriptive prompt) under each cross-attention
 * layer's key projection: [B, H, T, d]. They do not change between steps, so each layer's keys are
 * computed once and kept until the capture closes.
 */
final class PromptKeys implements AutoCloseable {
  private final NDArray states;
  private final Map<Integer, NDArray> byLayer = new HashMap<>();

  PromptKeys(NDArray states) {
    this.states = states;
  }

  NDArray keys(AttentionCall call) {
    return byLayer.computeIfAbsent(
        call.layer().order(),
        k -> {
          NDArray keys = Heads.split(call.toK().apply(states), call.layer().heads());
          NDScope.unregister(keys);
          return keys;
        });
  }

  @Override
  public void close() {
    byLayer.values().forEach(NDArray::close);
    byLayer.clear();
  }
}
