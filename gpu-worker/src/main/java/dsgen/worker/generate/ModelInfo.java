package dsgen.worker.generate;

/**
 * The loaded model as records report it.
 *
 * @param device device kind: cpu or gpu
 * @param dtype compute precision: float32 or float16
 * @param maxImageSize largest width or height the model accepts
 */
public record ModelInfo(String modelId, String device, String dtype, int maxImageSize) {}
