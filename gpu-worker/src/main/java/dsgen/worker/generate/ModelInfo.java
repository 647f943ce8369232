package dsgen.worker.generate;

import dsgen.generation.ModelLimits;

/**
 * The loaded model as records report it.
 *
 * @param device device kind: cpu or gpu
 * @param dtype compute precision: float32 or float16
 * @param limits sizes and steps the model accepts
 * @param engine the engine and its native library version, e.g. "PyTorch 2.7.1"
 */
public record ModelInfo(
    String modelId, String device, String dtype, ModelLimits limits, String engine) {}
