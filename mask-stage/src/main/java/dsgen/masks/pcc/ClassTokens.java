package dsgen.masks.pcc;

/**
 * One class of an image as PCC sees it: its label id and its token rows in {@code ovam_R} (the
 * class name's tokens in the descriptive prompt, start token = row 0).
 */
public record ClassTokens(String name, int label, int[] tokens) {}
