package dsgen.maskstage.bench;

import dsgen.maskstage.dataset.JpegEncoder;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Filling the 512² RGB image the dataset JPEG is compressed from: {@link JpegEncoder#image}
 * (straight into the raster) against {@code setRGB} per pixel (what the encoder did before), side
 * by side. The bytes compressed are the same: {@code JpegEncoderTest} checks the two images equal.
 *
 * <pre>
 * java -cp "mask-stage/target/test-classes:mask-stage/target/classes:$(cat mask-stage/target/test-classpath.txt)" \
 *     org.openjdk.jmh.Main dsgen.maskstage.bench.JpegImageBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 2)
@Threads(1)
public class JpegImageBenchmark {
  static final int SIZE = 512;
  private int[] rgb;

  @Setup
  public void setUp() {
    rgb = new SplittableRandom(7).ints(SIZE * SIZE).toArray();
  }

  @Benchmark
  public BufferedImage raster() {
    return JpegEncoder.image(SIZE, SIZE, (x, y) -> rgb[y * SIZE + x]);
  }

  @Benchmark
  public BufferedImage setRgbPerPixel() {
    return perPixel(SIZE, SIZE, (x, y) -> rgb[y * SIZE + x]);
  }

  /** The encoder's former fill: one {@code setRGB} per pixel. */
  static BufferedImage perPixel(int width, int height, JpegEncoder.Pixels pixels) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, pixels.rgb(x, y) & 0xFFFFFF);
      }
    }
    return image;
  }
}
