package dsgen.diffusion;

/** A class to segment: its name as written in the prompt and its label id (1..254). */
public record ClassSpec(String name, int label) {}
