package dsgen.diffusion;

import dsgen.diffusion.io.Npy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Initial latents from a {@code .npy} file of shape [C, h, w] or [N, C, h, w] (N = 1: every request
 * gets the same latents; N = batch size: one per request), for conformance with reference runs.
 */
public final class GivenLatents implements InitialLatents {
  private final Path source;
  private final long[] shape;
  private final float[] values;

  private GivenLatents(Path source, long[] shape, float[] values) {
    this.source = source;
    this.shape = shape;
    this.values = values;
  }

  public static GivenLatents read(Path file) throws IOException {
    Npy.Array a = Npy.read(file);
    if (a.shape().length != 3 && a.shape().length != 4) {
      throw new IOException(
          file
              + ": latents must be [C, h, w] or [N, C, h, w], found "
              + Arrays.toString(a.shape()));
    }
    return new GivenLatents(file, a.shape(), a.floats());
  }

  @Override
  public float[] latents(
      GenerationRequest request, int index, int channels, int height, int width) {
    long[] s = shape.length == 3 ? new long[] {1, shape[0], shape[1], shape[2]} : shape;
    if (s[1] != channels || s[2] != height || s[3] != width) {
      throw new InvalidGenerationRequestException(
          "latents",
          source
              + " has shape "
              + Arrays.toString(shape)
              + ", expected ["
              + channels
              + ", "
              + height
              + ", "
              + width
              + "] for a "
              + request.width()
              + "x"
              + request.height()
              + " image");
    }
    if (s[0] != 1 && index >= s[0]) {
      throw new InvalidGenerationRequestException(
          "latents", source + " holds " + s[0] + " latents, not enough for batch element " + index);
    }
    int size = channels * height * width;
    int from = s[0] == 1 ? 0 : index * size;
    return Arrays.copyOfRange(values, from, from + size);
  }
}
