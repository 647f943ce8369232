package dsgen.diffusion.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dsgen.diffusion.nn.LinearLayer;
import dsgen.diffusion.nn.Ops;
import dsgen.diffusion.nn.TensorSource;

/**
 * Sinusoidal timestep features (frequencies exp(-ln(10000)·i/(half - freq_shift)), [cos, sin] when
 * flip_sin_to_cos) followed by linear → SiLU → linear, as diffusers' {@code Timesteps} + {@code
 * TimestepEmbedding}.
 */
final class TimestepEmbedding {
  private final int channels;
  private final boolean flipSinToCos;
  private final int freqShift;
  private final LinearLayer linear1;
  private final LinearLayer linear2;

  TimestepEmbedding(TensorSource w, UNetConfig cfg) {
    channels = cfg.blockOutChannels()[0];
    flipSinToCos = cfg.flipSinToCos();
    freqShift = cfg.freqShift();
    linear1 = LinearLayer.load(w, "time_embedding.linear_1", channels, cfg.timeEmbedDim(), true);
    linear2 =
        LinearLayer.load(
            w, "time_embedding.linear_2", cfg.timeEmbedDim(), cfg.timeEmbedDim(), true);
  }

  /**
   * The time embedding [batch, 4·C0] for timestep {@code t}, in {@code dtype} on {@code manager}.
   */
  NDArray apply(NDManager manager, float t, int batch, DataType dtype) {
    int half = channels / 2;
    float[] features = new float[batch * channels];
    for (int i = 0; i < half; i++) {
      // float32 arithmetic in the order torch uses, so the features match the reference bit for bit
      // or nearly
      float exponent = (float) (-Math.log(10000.0)) * i / (half - freqShift);
      float arg = t * (float) Math.exp(exponent);
      float sin = (float) Math.sin(arg);
      float cos = (float) Math.cos(arg);
      for (int b = 0; b < batch; b++) {
        features[b * channels + i] = flipSinToCos ? cos : sin;
        features[b * channels + half + i] = flipSinToCos ? sin : cos;
      }
    }
    NDArray emb = manager.create(features, new Shape(batch, channels)).toType(dtype, false);
    return linear2.apply(Ops.silu(linear1.apply(emb)));
  }
}
