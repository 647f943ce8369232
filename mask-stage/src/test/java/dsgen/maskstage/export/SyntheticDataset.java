package dsgen.maskstage.export;

import dsgen.maskstage.dataset.ClassFractions;
import dsgen.maskstage.dataset.DatasetKeys;
import dsgen.maskstage.dataset.DatasetWriter;
import dsgen.maskstage.dataset.JpegEncoder;
import dsgen.maskstage.dataset.PairObjects;
import dsgen.maskstage.dataset.VocLabelPng;
import dsgen.maskstage.pair.MaskedImage;
import dsgen.maskstage.pair.PairMaker;
import dsgen.maskstage.testing.MaskFixtures;
import dsgen.recipe.Recipe;
import dsgen.recipe.Recipes;
import dsgen.records.ClassEntry;
import dsgen.records.Generation;
import dsgen.records.MaskTimings;
import dsgen.records.ObjectRef;
import dsgen.records.Pair;
import dsgen.store.ObjectStore;
import dsgen.store.StoreRetry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A dataset folder written by the stage's real {@link DatasetWriter} into a store, with label maps
 * drawn at random: discs and boxes of two classes (cat 8, dog 12) on background, each region ringed
 * by a 255 band of random width, some images with one class or none, sizes that differ between
 * images. The pairs are built by the stage's own {@link PairMaker#pair}.
 */
final class SyntheticDataset {

  static final String DATASET = "synthetic";
  static final ClassEntry CAT = ClassEntry.newBuilder().setName("cat").setLabel(8).build();
  static final ClassEntry DOG = ClassEntry.newBuilder().setName("dog").setLabel(12).build();
  static final Recipe RECIPE = Recipes.resolve("diffumask", Map.of(), 32);

  /** imageId → its label map, as written into the mask PNG. */
  final SortedMap<String, int[]> labels = new TreeMap<>();

  final SortedMap<String, int[]> sizes = new TreeMap<>();
  final SortedMap<String, Pair> pairs = new TreeMap<>();

  private SyntheticDataset() {}

  /**
   * @param count images
   * @param seed of the drawing
   */
  static SyntheticDataset write(ObjectStore store, String jobId, int count, long seed) {
    SyntheticDataset d = new SyntheticDataset();
    DatasetWriter writer =
        new DatasetWriter(store, new VocLabelPng(), JpegEncoder.standard(), StoreRetry.none());
    Random random = new Random(seed);
    DatasetKeys keys = new DatasetKeys(DATASET, RECIPE.recipeId());
    for (int i = 0; i < count; i++) {
      int width = 24 + 8 * random.nextInt(6);
      int height = 16 + 8 * random.nextInt(6);
      List<ClassEntry> classes =
          switch (i % 4) {
            case 0 -> List.of(CAT, DOG);
            case 1 -> List.of(CAT);
            case 2 -> List.of(DOG);
            default -> List.of(CAT);
          };
      byte[] map = draw(random, width, height, i % 4 == 3 ? List.of() : classes);
      Generation g = generation(jobId, i, classes);
      MaskedImage masked =
          new MaskedImage(width, height, map, new float[0][], (x, y) -> (x * 9) << 8 | y * 7);
      Map<String, Double> fractions = ClassFractions.of(map, classes);
      MaskTimings timings =
          MaskTimings.newBuilder().setFetchMs(1).setMaskMs(1).setWriteMs(0).build();
      PairObjects objects =
          writer.write(
              keys, g, RECIPE, masked, writer.jpeg(masked), fractions, timings, List.of(CAT, DOG));
      Instant created = Instant.parse("2026-12-01T10:00:00Z").plusSeconds(i);
      d.pairs.put(
          g.getImageId(), PairMaker.pair(g, keys, RECIPE, objects, fractions, timings, created));
      int[] values = new int[map.length];
      for (int p = 0; p < map.length; p++) {
        values[p] = map[p] & 0xFF;
      }
      d.labels.put(g.getImageId(), values);
      d.sizes.put(g.getImageId(), new int[] {width, height});
    }
    return d;
  }

  /** Regions of the given classes, each inside a 255 ring; later regions paint over earlier. */
  private static byte[] draw(Random random, int width, int height, List<ClassEntry> classes) {
    byte[] map = new byte[width * height];
    for (ClassEntry c : classes) {
      for (int region = 0; region < 1 + random.nextInt(2); region++) {
        int cx = random.nextInt(width);
        int cy = random.nextInt(height);
        int r = 2 + random.nextInt(Math.min(width, height) / 2);
        int band = random.nextInt(3);
        boolean box = random.nextBoolean();
        for (int y = 0; y < height; y++) {
          for (int x = 0; x < width; x++) {
            double d =
                box ? Math.max(Math.abs(x - cx), Math.abs(y - cy)) : Math.hypot(x - cx, y - cy);
            if (d <= r) {
              map[y * width + x] = (byte) c.getLabel();
            } else if (d <= r + band) {
              map[y * width + x] = (byte) 255;
            }
          }
        }
      }
    }
    return map;
  }

  private static Generation generation(String jobId, int index, List<ClassEntry> classes) {
    ObjectRef none =
        ObjectRef.newBuilder()
            .setUri("file:unused")
            .setSha256("0".repeat(64))
            .setSizeBytes(0)
            .setContentType("application/octet-stream")
            .build();
    return Generation.newBuilder(
            MaskFixtures.generation(jobId, DATASET, index, "g-" + index, none, none, List.of()))
        .setClasses(classes)
        .build();
  }
}
