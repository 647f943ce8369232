package dsgen.maskstage.pair;

import dsgen.attention.TensorName;
import dsgen.maskstage.dataset.ClassFractions;
import dsgen.maskstage.dataset.DatasetKeys;
import dsgen.maskstage.dataset.DatasetWriter;
import dsgen.maskstage.dataset.PairObjects;
import dsgen.recipe.Recipe;
import dsgen.records.ClassEntry;
import dsgen.records.Generation;
import dsgen.records.MaskTimings;
import dsgen.records.ObjectRef;
import dsgen.records.Pair;
import dsgen.store.ChecksumMismatchException;
import dsgen.store.ObjectNotFoundException;
import dsgen.store.ObjectStore;
import dsgen.store.StoreRetry;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Turns one generation into one pair for one recipe: fetch and verify the inputs (once per
 * generation), compute the masks, write the dataset objects, describe them in a {@link Pair}. Input
 * problems become {@link PairFailure}s; a store outage escapes as {@link
 * dsgen.store.ObjectStoreUnavailableException} once {@link StoreRetry} gives up.
 */
public final class PairMaker {

  /**
   * A generation's inputs, fetched, verified and decoded, and its image as the dataset JPEG once a
   * recipe has encoded it: every recipe's folder stores the same bytes, so they are encoded once
   * per generation. Used by one thread, the one handling the generation.
   */
  public static final class Fetched {
    private final MaskComputer.Inputs inputs;
    private final long fetchMs;
    private byte[] jpeg;

    public Fetched(MaskComputer.Inputs inputs, long fetchMs) {
      this.inputs = inputs;
      this.fetchMs = fetchMs;
    }

    public MaskComputer.Inputs inputs() {
      return inputs;
    }

    public long fetchMs() {
      return fetchMs;
    }

    /** The generation's JPEG: {@code encode}'s result the first time, the same bytes after. */
    byte[] jpeg(Supplier<byte[]> encode) {
      if (jpeg == null) {
        jpeg = encode.get();
      }
      return jpeg;
    }
  }

  private final ObjectStore store;
  private final MaskComputer masks;
  private final DatasetWriter writer;
  private final StoreRetry retry;
  private final Clock clock;

  public PairMaker(
      ObjectStore store, MaskComputer masks, DatasetWriter writer, StoreRetry retry, Clock clock) {
    this.store = store;
    this.masks = masks;
    this.writer = writer;
    this.retry = retry;
    this.clock = clock;
  }

  /** Top attention resolution R of a generation: Stable Diffusion's latent is image / 8. */
  public static int topResolution(Generation g) {
    return g.getParams().getWidth() / 8;
  }

  /**
   * Fails when the recipe reads a tensor that is not among {@code available}.
   *
   * @param available tensor names; the generation's {@code capturedTensors} before fetching, the
   *     file's after
   */
  public static void requireTensors(Generation g, Recipe recipe, Set<String> available)
      throws PairFailure {
    SortedSet<String> missing;
    try {
      missing = new TreeSet<>(TensorName.spell(recipe.requiredTensors(topResolution(g))));
    } catch (IllegalArgumentException e) {
      throw new PairFailure(
          FailureKind.INVALID_RECIPE,
          "recipe "
              + recipe.recipeId()
              + " cannot run on a "
              + g.getParams().getWidth()
              + "px image: "
              + e.getMessage(),
          e);
    }
    missing.removeAll(available);
    if (!missing.isEmpty()) {
      throw new PairFailure(
          FailureKind.MISSING_TENSOR,
          "recipe "
              + recipe.recipeId()
              + " needs "
              + String.join(", ", missing)
              + ", not captured (capture profile '"
              + g.getParams().getCaptureProfile()
              + "')");
    }
  }

  /**
   * Checks the recipe against the tensors the generation says it captured, before anything is
   * fetched. A record that lists none (an older worker) is checked after the fetch, against the
   * file itself.
   */
  public static void requireTensorsIfListed(Generation g, Recipe recipe) throws PairFailure {
    if (!g.getCapturedTensors().isEmpty()) {
      requireTensors(g, recipe, Set.copyOf(g.getCapturedTensors()));
    }
  }

  public Fetched fetch(Generation g) throws PairFailure {
    long start = System.nanoTime();
    byte[] attention = get(g, "attention file", g.getAttention());
    byte[] image = get(g, "image", g.getImage());
    MaskComputer.Inputs inputs = masks.decode(attention, image);
    return new Fetched(inputs, millisSince(start));
  }

  /**
   * @param datasetClasses every class known for the generation's dataset, for its {@code
   *     labels.json}
   */
  public Pair make(
      Generation g, Fetched fetched, Recipe recipe, Collection<ClassEntry> datasetClasses)
      throws PairFailure {
    requireTensors(g, recipe, fetched.inputs().tensors());
    DatasetKeys keys;
    try {
      keys = new DatasetKeys(g.getDataset(), recipe.recipeId());
      keys.image(g.getImageId());
    } catch (IllegalArgumentException e) {
      throw new PairFailure(FailureKind.INVALID_ID, e.getMessage(), e);
    }

    long maskStart = System.nanoTime();
    MaskedImage masked = masks.compute(fetched.inputs(), recipe);
    long maskMs = millisSince(maskStart);
    requireFinite(g, recipe, masked);

    Map<String, Double> fractions = ClassFractions.of(masked.labels(), g.getClasses());
    MaskTimings timings =
        MaskTimings.newBuilder()
            .setFetchMs(fetched.fetchMs())
            .setMaskMs(maskMs)
            .setWriteMs(0)
            .build();
    byte[] jpeg = fetched.jpeg(() -> writer.jpeg(masked));
    PairObjects objects =
        writer.write(keys, g, recipe, masked, jpeg, fractions, timings, datasetClasses);
    timings.setWriteMs(objects.writeMs());

    return pair(g, keys, recipe, objects, fractions, timings, clock.instant());
  }

  /** The record that announces a pair whose objects are written. */
  public static Pair pair(
      Generation g,
      DatasetKeys keys,
      Recipe recipe,
      PairObjects objects,
      Map<String, Double> fractions,
      MaskTimings timings,
      Instant createdAt) {
    return Pair.newBuilder()
        .setImageId(g.getImageId())
        .setJobId(g.getJobId())
        .setDataset(keys.dataset())
        .setRecipe(recipe.toRef())
        .setGenerationId(g.getGenerationId())
        .setImage(objects.image())
        .setMask(objects.mask())
        .setAnnotation(objects.annotation())
        .setClassFractions(fractions)
        .setTimings(timings)
        .setCreatedAt(createdAt)
        .build();
  }

  private byte[] get(Generation g, String what, ObjectRef ref) throws PairFailure {
    try {
      return retry.call(() -> store.get(ref));
    } catch (ObjectNotFoundException e) {
      throw new PairFailure(
          FailureKind.MISSING_OBJECT,
          what + " " + ref.getUri() + " of generation " + g.getGenerationId() + " does not exist",
          e);
    } catch (ChecksumMismatchException e) {
      throw new PairFailure(
          FailureKind.CHECKSUM_MISMATCH,
          what
              + " "
              + ref.getUri()
              + " of generation "
              + g.getGenerationId()
              + " does not match its reference: "
              + e.getMessage(),
          e);
    }
  }

  private static void requireFinite(Generation g, Recipe recipe, MaskedImage masked)
      throws PairFailure {
    float[][] soft = masked.soft();
    for (int c = 0; c < soft.length; c++) {
      int bad = 0;
      for (float v : soft[c]) {
        if (!Float.isFinite(v)) {
          bad++;
        }
      }
      if (bad > 0) {
        String name = c < g.getClasses().size() ? g.getClasses().get(c).getName() : "#" + c;
        throw new PairFailure(
            FailureKind.NAN_IN_MASK,
            "recipe "
                + recipe.recipeId()
                + ": soft map of class '"
                + name
                + "' has "
                + bad
                + " NaN/infinite pixels (NaN in the attention tensors?)");
      }
    }
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
