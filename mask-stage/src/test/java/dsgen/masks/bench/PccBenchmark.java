package dsgen.masks.bench;

import dsgen.masks.pcc.BlockyMask;
import dsgen.masks.pcc.ClassActivations;
import dsgen.masks.pcc.ClusteringFeatures;
import dsgen.masks.pcc.ImageRefinement;
import dsgen.masks.pcc.PccParameters;
import dsgen.masks.pcc.SyntheticPccScene;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * PCC at SD2-base scale (R = 64, 630 feature columns, 512² image), one thread, on the synthetic
 * scene of {@link SyntheticPccScene} (seed {@link SyntheticPccScene#BENCH_SEED}). {@code blocky} is
 * everything before the refinement (class maps, clustering points, 3 k-means × 3 confidences,
 * consensus, upsampling); {@code refinement} is docs/algorithms.md#pcc-refinement on the blocky
 * map. Targets: ≤ 400 ms and ≤ 3 s. The NumPy reference on the same input is timed with {@code
 * SyntheticPccSceneDump} + {@code pcc_reference_timing.py} (see that script).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgs = {"-Xmx2g"})
@Threads(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PccBenchmark {
  private SyntheticPccScene scene;
  private PccParameters parameters;
  private int[] blocky;

  @Setup(Level.Trial)
  public void setUp() {
    scene = SyntheticPccScene.sd2(SyntheticPccScene.BENCH_SEED);
    parameters = PccParameters.defaults();
    blocky = blocky();
  }

  @Benchmark
  public int[] blocky() {
    ClassActivations activations =
        ClassActivations.fromOvam(
            scene.ovam, scene.tokens, scene.r, scene.imageSize, scene.classes);
    double[] points = ClusteringFeatures.of(scene.features, scene.r, scene.columns);
    int[] atR = BlockyMask.labelsAtR(points, scene.r, scene.columns + 2, activations, parameters);
    return BlockyMask.nearest(atR, scene.r, scene.imageSize);
  }

  @Benchmark
  public int[] refinement() {
    return ImageRefinement.refine(
        scene.rgb,
        scene.imageSize,
        scene.imageSize,
        blocky,
        parameters.refineClusters(),
        parameters.refineMinPx());
  }
}
