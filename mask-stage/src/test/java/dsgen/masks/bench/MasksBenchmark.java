package dsgen.masks.bench;

import dsgen.attention.AttentionTensor;
import dsgen.masks.MaskMethods;
import dsgen.masks.MaskResult;
import dsgen.masks.image.RgbImage;
import dsgen.masks.io.AttentionFile;
import dsgen.masks.pamr.Pamr;
import dsgen.masks.pamr.PamrParams;
import dsgen.recipe.Recipe;
import dsgen.recipe.Recipes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
 * The mask methods at Stable Diffusion 2 scale (R = 64, image 512², sa_*_64 4096×4096 float16 read
 * from the file, widened row by row inside every operation), one class, one thread: ms per class
 * per method. The PAMR refinements are separate benchmarks (affinities included); the method
 * benchmarks run with pamr=false. Allocation: run with {@code -prof gc}. The synthetic file is
 * written once to {@link #benchDir()}; the NumPy reference times the same file with {@code
 * src/test/python/bench_masks_ref.py}.
 *
 * <pre>./dsgen bench masks -f 1 -wi 2 -i 3 -prof gc</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx3g", "-XX:+UseParallelGC"})
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Threads(1)
public class MasksBenchmark {
  private Path file;
  private AttentionFile attention;
  private RgbImage image;
  private Recipe seediff;
  private Recipe seediffCode;
  private Recipe datasetDiffusion;
  private Recipe diffumask;
  private double[] softMask;
  private double[] binaryMask;
  private PamrParams pamrOriginal;
  private PamrParams pamrSeediffCode;

  @Setup
  public void setUp() throws IOException {
    Path dir = SyntheticSd2Attention.ensure(benchDir());
    file = dir.resolve("attention.safetensors");
    attention = AttentionFile.read(file);
    image = RgbImage.decode(Files.readAllBytes(dir.resolve("image.png")));
    int r = attention.topResolution();
    seediff = Recipes.resolve("seediff", Map.of("pamr", "false"), r);
    seediffCode = Recipes.resolve("seediff-code", Map.of("pamr", "false"), r);
    datasetDiffusion = Recipes.defaults("dataset-diffusion", r);
    diffumask = Recipes.defaults("diffumask", r);
    Recipe withPamr = Recipes.defaults("seediff", r);
    pamrOriginal =
        new PamrParams(
            withPamr.intParam("pamr-iters"),
            withPamr.intsParam("pamr-dilations"),
            withPamr.doubleParam("pamr-std-factor"));
    Recipe code = Recipes.defaults("seediff-code", r);
    pamrSeediffCode =
        new PamrParams(
            code.intParam("pamr-iters"),
            code.intsParam("pamr-dilations"),
            code.doubleParam("pamr-std-factor"));
    softMask =
        toDouble(MaskMethods.forName("seediff").compute(attention, image, seediff).soft()[0]);
    binaryMask = new double[softMask.length];
    float[] codeSoft =
        MaskMethods.forName("seediff-code").compute(attention, image, seediffCode).soft()[0];
    for (int i = 0; i < binaryMask.length; i++) {
      binaryMask[i] = codeSoft[i] > code.doubleParam("beta") ? 1 : 0;
    }
  }

  /**
   * -Ddsgen.bench.dir, else mask-stage/target/bench-masks from the repository root, else
   * target/bench-masks.
   */
  public static Path benchDir() {
    String configured = System.getProperty("dsgen.bench.dir");
    if (configured != null) {
      return Path.of(configured);
    }
    Path fromRoot = Path.of("mask-stage", "target");
    return (Files.isDirectory(fromRoot) ? fromRoot : Path.of("target")).resolve("bench-masks");
  }

  private static double[] toDouble(float[] x) {
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i];
    }
    return out;
  }

  /** SeeDiff (paper) without PAMR. Target ≤ 20 ms; NumPy reference 34 ms. */
  @Benchmark
  public MaskResult seediff() {
    return MaskMethods.forName("seediff").compute(attention, image, seediff);
  }

  /**
   * PAMR as SeeDiff (paper) runs it: 6 dilations × 10 iterations, affinities included. ≤ 150 ms;
   * NumPy 0.86 s.
   */
  @Benchmark
  public double[] pamrOriginal() {
    return Pamr.refine(image, softMask, pamrOriginal);
  }

  /** SeeDiff (official code) without PAMR. Target ≤ 30 ms; NumPy 113 ms. */
  @Benchmark
  public MaskResult seediffCode() {
    return MaskMethods.forName("seediff-code").compute(attention, image, seediffCode);
  }

  /**
   * PAMR as the SeeDiff code runs it: dilation 1 × 5000 iterations on the binary mask. ≤ 3.5 s;
   * NumPy 16.3 s.
   */
  @Benchmark
  public double[] pamrSeediffCode() {
    return Pamr.refine(image, binaryMask, pamrSeediffCode);
  }

  /** Dataset Diffusion. Target ≤ 15 ms; NumPy 50 ms. */
  @Benchmark
  public MaskResult datasetDiffusion() {
    return MaskMethods.forName("dataset-diffusion").compute(attention, image, datasetDiffusion);
  }

  /** DiffuMask cross-attention baseline. Target ≤ 5 ms; NumPy 6.7 ms. */
  @Benchmark
  public MaskResult diffumask() {
    return MaskMethods.forName("diffumask").compute(attention, image, diffumask);
  }

  /**
   * Opening the file and the one-time NaN/Inf scan of a 4096² float16 map (once per generation, not
   * per class).
   */
  @Benchmark
  public AttentionTensor openAndCheck() {
    return AttentionFile.read(file).tensor("sa_first_64");
  }
}
