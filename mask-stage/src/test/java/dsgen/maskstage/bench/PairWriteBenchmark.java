package dsgen.maskstage.bench;

import dsgen.masks.bench.MasksBenchmark;
import dsgen.masks.bench.SyntheticSd2Attention;
import dsgen.maskstage.dataset.DatasetWriter;
import dsgen.maskstage.dataset.JpegEncoder;
import dsgen.maskstage.dataset.VocLabelPng;
import dsgen.maskstage.pair.LibraryMaskComputer;
import dsgen.maskstage.pair.MaskComputer;
import dsgen.maskstage.pair.PairFailure;
import dsgen.maskstage.pair.PairMaker;
import dsgen.maskstage.testing.MaskFixtures;
import dsgen.recipe.Recipe;
import dsgen.recipe.Recipes;
import dsgen.records.Generation;
import dsgen.records.GenerationParams;
import dsgen.records.ObjectRef;
import dsgen.records.Pair;
import dsgen.store.LocalObjectStore;
import dsgen.store.StoreRetry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
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
 * The mask stage's work after the fetch for one SD2-sized generation (512², R 64, the synthetic
 * file of {@code dsgen.masks.bench}) and a job with two recipes (diffumask, dataset-diffusion):
 * masks, JPEG, mask PNG, annotation and the writes to a local object store, per generation. {@code
 * jpegOncePerGeneration} is the stage's path (every recipe's folder stores the JPEG encoded for the
 * first); {@code jpegOncePerRecipe} gives each recipe fresh inputs, so the JPEG is encoded for
 * each, as the stage did before. The two side by side show what encoding once saves.
 *
 * <pre>
 * java -cp "mask-stage/target/test-classes:mask-stage/target/classes:$(cat mask-stage/target/test-classpath.txt)" \
 *     org.openjdk.jmh.Main dsgen.maskstage.bench.PairWriteBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 4, time = 3)
@Threads(1)
public class PairWriteBenchmark {
  private PairMaker maker;
  private MaskComputer.Inputs inputs;
  private Generation generation;
  private List<Recipe> recipes;

  @Setup
  public void setUp() throws IOException, PairFailure {
    Path dir = SyntheticSd2Attention.ensure(MasksBenchmark.benchDir());
    byte[] attention = Files.readAllBytes(dir.resolve("attention.safetensors"));
    byte[] image = Files.readAllBytes(dir.resolve("image.png"));
    LocalObjectStore store = new LocalObjectStore(Files.createTempDirectory("pair-write-bench"));
    Map<String, ObjectRef> objects =
        MaskFixtures.upload(store, "bench", "bench-000000", "g-0", attention, image);
    Generation g =
        MaskFixtures.generation(
            "bench",
            "bench",
            0,
            "g-0",
            objects.get("image"),
            objects.get("attention"),
            MaskFixtures.tensorNames(attention));
    GenerationParams params =
        GenerationParams.newBuilder(g.getParams())
            .setWidth(SyntheticSd2Attention.IMAGE)
            .setHeight(SyntheticSd2Attention.IMAGE)
            .build();
    generation = Generation.newBuilder(g).setParams(params).build();
    LibraryMaskComputer masks = new LibraryMaskComputer();
    maker =
        new PairMaker(
            store,
            masks,
            new DatasetWriter(store, new VocLabelPng(), JpegEncoder.standard(), StoreRetry.none()),
            StoreRetry.none(),
            Clock.systemUTC());
    inputs = masks.decode(attention, image);
    recipes =
        List.of(
            Recipes.defaults("diffumask", SyntheticSd2Attention.R),
            Recipes.defaults("dataset-diffusion", SyntheticSd2Attention.R));
  }

  @Benchmark
  public List<Pair> jpegOncePerGeneration() throws PairFailure {
    PairMaker.Fetched fetched = new PairMaker.Fetched(inputs, 0);
    List<Pair> out = new ArrayList<>();
    for (Recipe r : recipes) {
      out.add(maker.make(generation, fetched, r, generation.getClasses()));
    }
    return out;
  }

  @Benchmark
  public List<Pair> jpegOncePerRecipe() throws PairFailure {
    List<Pair> out = new ArrayList<>();
    for (Recipe r : recipes) {
      out.add(maker.make(generation, new PairMaker.Fetched(inputs, 0), r, generation.getClasses()));
    }
    return out;
  }
}
