package dsgen.maskstage.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SortedMap;

/**
 * Writes a dataset as a local Pascal VOC folder, which mmsegmentation's and torchvision's VOC
 * loaders read: {@code JPEGImages/}, {@code SegmentationClass/}, {@code
 * ImageSets/Segmentation/train.txt}, plus the dataset's {@code annotations/}, {@code labels.json}
 * and {@code recipe.json}. Every object is checked against its sha256.
 */
final class VocFolder {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ObjectStore store;
  private final LabelPngEncoder palette;

  VocFolder(ObjectStore store, LabelPngEncoder palette) {
    this.store = store;
    this.palette = palette;
  }

  /**
   * @return the number of pairs written
   */
  int write(SortedMap<String, Pair> pairs, Path out) {
    Path images = out.resolve(DatasetKeys.IMAGES);
    Path masks = out.resolve(DatasetKeys.MASKS);
    Path annotations = out.resolve(DatasetKeys.ANNOTATIONS);
    Path sets = out.resolve("ImageSets").resolve("Segmentation");
    List<ClassEntry> classes = new ArrayList<>();
    String recipeJson = null;
    try {
      for (Path dir : List.of(images, masks, annotations, sets)) {
        Files.createDirectories(dir);
      }
      for (Pair pair : pairs.values()) {
        String id = DatasetKeys.requireSegment("imageId", pair.getImageId());
        Files.write(images.resolve(id + ".jpg"), store.get(pair.getImage()));
        Files.write(masks.resolve(id + ".png"), store.get(pair.getMask()));
        byte[] annotation = store.get(pair.getAnnotation());
        Files.write(annotations.resolve(id + ".json"), annotation);
        classes.addAll(classesOf(annotation));
        recipeJson = pair.getRecipe().getCanonicalJson();
      }
      Files.writeString(
          sets.resolve("train.txt"),
          String.join("\n", pairs.keySet()) + (pairs.isEmpty() ? "" : "\n"),
          StandardCharsets.UTF_8);
      Files.write(
          out.resolve(DatasetKeys.LABELS_FILE), LabelsJson.of(distinct(classes), palette::colour));
      if (recipeJson != null) {
        Files.writeString(out.resolve(DatasetKeys.RECIPE_FILE), recipeJson, StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the VOC folder " + out + ": " + e.getMessage(), e);
    }
    return pairs.size();
  }

  private static List<ClassEntry> classesOf(byte[] annotation) throws IOException {
    List<ClassEntry> out = new ArrayList<>();
    for (JsonNode c : JSON.readTree(annotation).path("classes")) {
      out.add(
          ClassEntry.newBuilder()
              .setName(c.path("name").asText())
              .setLabel(c.path("label").asInt())
              .build());
    }
    return out;
  }

  private static Collection<ClassEntry> distinct(List<ClassEntry> classes) {
    return classes.stream().distinct().toList();
  }
}
