package dsgen.attention;

import java.util.List;

/**
 * One class of an attention file's metadata: its name and label id, and where its tokens sit in the
 * prompt, the class prompt and the descriptive prompt (indices count the start token as 0).
 */
public record AttentionClass(
    String name,
    int label,
    List<Integer> promptTokens,
    List<Integer> classPromptTokens,
    List<Integer> descriptiveTokens) {
  public AttentionClass {
    promptTokens = List.copyOf(promptTokens);
    classPromptTokens = List.copyOf(classPromptTokens);
    descriptiveTokens = List.copyOf(descriptiveTokens);
  }
}
