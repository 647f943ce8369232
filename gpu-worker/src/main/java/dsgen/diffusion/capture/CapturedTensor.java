package dsgen.diffusion.capture;

/** One finished tensor of an attention file: name, shape and float32 values in C order. */
public record CapturedTensor(String name, long[] shape, float[] values) {}
