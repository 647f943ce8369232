package dsgen.maskstage.export;

import dsgen.maskstage.dataset.AnnotationJson;
import dsgen.maskstage.dataset.DatasetKeys;
import dsgen.maskstage.dataset.LabelPngEncoder;
import dsgen.maskstage.dataset.LabelsJson;
import dsgen.records.ClassEntry;
import dsgen.records.Pair;
import dsgen.store.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.function.LongConsumer;

/**
 * Writes the pairs of one dataset folder as a local folder a trainer reads (VOC or COCO), with
 * deterministic train/val splits, the export's {@code labels.json} (the classes of the exported
 * images) and the recipe's {@code recipe.json}. Every object is fetched through its reference and
 * checked against its sha256.
 */
public final class DatasetExport {

  /**
   * @param valFraction share of the images in the validation split, 0..1 ({@link Split})
   * @param ignoreBand what COCO does with label 255 (VOC keeps it in the PNGs)
   */
  public record Options(ExportFormat format, double valFraction, IgnoreBand ignoreBand) {
    public Options {
      Split.requireFraction(valFraction);
    }
  }

  /** How many images went to each split. */
  public record Summary(int images, Map<Split, Integer> perSplit) {}

  private final ObjectStore store;
  private final LabelPngEncoder palette;

  public DatasetExport(ObjectStore store, LabelPngEncoder palette) {
    this.store = store;
    this.palette = palette;
  }

  /**
   * @param pairs imageId → pair, all of one dataset and recipe
   * @param progress told the number of pairs written so far, after each pair
   */
  public Summary write(
      SortedMap<String, Pair> pairs, Path out, Options options, LongConsumer progress) {
    Map<Split, Integer> perSplit = new EnumMap<>(Split.class);
    for (Split s : Split.values()) {
      perSplit.put(s, 0);
    }
    Set<ClassEntry> classes = new LinkedHashSet<>();
    String recipeJson = null;
    try {
      FolderWriter writer = writer(out, options);
      long done = 0;
      for (Pair pair : pairs.values()) {
        FetchedPair fetched = fetch(pair);
        classes.addAll(AnnotationJson.classes(fetched.annotation(), pair.getImageId()));
        Split split = Split.of(pair.getImageId(), options.valFraction());
        writer.add(fetched, split);
        perSplit.merge(split, 1, Integer::sum);
        recipeJson = pair.getRecipe().getCanonicalJson();
        progress.accept(++done);
      }
      byte[] labels = LabelsJson.of(classes, palette::colour);
      Files.write(out.resolve(DatasetKeys.LABELS_FILE), labels);
      if (recipeJson != null) {
        Files.writeString(out.resolve(DatasetKeys.RECIPE_FILE), recipeJson, StandardCharsets.UTF_8);
      }
      writer.finish(labels);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the export folder " + out + ": " + e, e);
    }
    return new Summary(pairs.size(), perSplit);
  }

  private static FolderWriter writer(Path out, Options options) throws IOException {
    return switch (options.format()) {
      case VOC -> new VocWriter(out);
      case COCO -> new CocoWriter(out, options.ignoreBand());
    };
  }

  private FetchedPair fetch(Pair pair) {
    return new FetchedPair(
        pair,
        store.get(pair.getImage()),
        store.get(pair.getMask()),
        store.get(pair.getAnnotation()));
  }
}
