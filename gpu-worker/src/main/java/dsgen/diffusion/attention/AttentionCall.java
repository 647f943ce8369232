package dsgen.diffusion.attention;

import ai.djl.ndarray.NDArray;
import dsgen.diffusion.nn.LinearLayer;

/**
 * The inputs of one attention evaluation: queries, keys and values already projected and split into
 * heads ([B, H, N, d], [B, H, M, d]); the map is {@code height × width} pixels (N = height·width,
 * row-major); {@code toK} lets a processor project other text states with this layer's key
 * projection (class or descriptive prompts that are recorded but never fed to the UNet).
 */
public record AttentionCall(
    AttentionLayer layer,
    NDArray q,
    NDArray k,
    NDArray v,
    float scale,
    boolean upcast,
    LinearLayer toK,
    int height,
    int width) {}
