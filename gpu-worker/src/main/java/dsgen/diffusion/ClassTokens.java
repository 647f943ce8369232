package dsgen.diffusion;

import java.util.List;

/**
 * Where a class's tokens sit (start token = 0) in the prompt, the class prompt and the descriptive
 * prompt; a name split into several tokens keeps all of them. Empty lists for an absent class or
 * descriptive prompt.
 */
public record ClassTokens(
    String name,
    int label,
    List<Integer> promptTokens,
    List<Integer> classPromptTokens,
    List<Integer> descriptiveTokens) {}
