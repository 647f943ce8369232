package dsgen.masks.pcc;

/**
 * What PCC produces for one image.
 *
 * @param blocky label map before the image refinement, image size, row-major
 * @param labels final label map (the refined one when refinement is on)
 * @param soft per class (caller's order) the min-max normalised activation at the image size
 */
public record PccOutput(int[] blocky, int[] labels, float[][] soft) {}
