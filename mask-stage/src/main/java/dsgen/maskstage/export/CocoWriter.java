package dsgen.maskstage.export;

import dsgen.masks.io.LabelPng;
import dsgen.maskstage.dataset.DatasetKeys;
import dsgen.maskstage.dataset.LabelsJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * COCO "instances" layout: {@code images/{id}.jpg} and {@code
 * annotations/instances_{train,val}.json}, one annotation per class of each image (see {@link
 * CocoRegion}), categories = the label ids of {@code labels.json} other than background.
 */
final class CocoWriter implements FolderWriter {

  static final String IMAGES = "images";
  static final String ANNOTATIONS = "annotations";

  private final Path out;
  private final IgnoreBand ignoreBand;
  private final Map<Split, List<CocoInstances.Image>> images = new EnumMap<>(Split.class);
  private final Map<Long, String> imageIdOwners = new HashMap<>();
  private String dataset;
  private String recipeId;
  private Instant newest = Instant.EPOCH;

  CocoWriter(Path out, IgnoreBand ignoreBand) throws IOException {
    this.out = out;
    this.ignoreBand = ignoreBand;
    Files.createDirectories(out.resolve(IMAGES));
    Files.createDirectories(out.resolve(ANNOTATIONS));
    for (Split s : Split.values()) {
      images.put(s, new ArrayList<>());
    }
  }

  /** {@code annotations/instances_<split>.json}. */
  static String instancesFile(Split split) {
    return ANNOTATIONS + "/instances_" + split.fileName() + ".json";
  }

  @Override
  public void add(FetchedPair p, Split split) throws IOException {
    String id = DatasetKeys.requireSegment("imageId", p.imageId());
    int[] size = new int[2];
    int[] labels = LabelPng.decode(p.mask(), size);
    requireSameSize(id, p.image(), size[0], size[1]);
    Files.write(out.resolve(IMAGES).resolve(id + ".jpg"), p.image());
    long cocoId = CocoInstances.imageId(id);
    String clash = imageIdOwners.putIfAbsent(cocoId, id);
    if (clash != null) {
      throw new IllegalStateException(
          "images " + clash + " and " + id + " hash to the same COCO image id " + cocoId);
    }
    images
        .get(split)
        .add(
            new CocoInstances.Image(
                cocoId,
                id + ".jpg",
                size[0],
                size[1],
                CocoRegion.of(labels, size[0], size[1], ignoreBand)));
    dataset = p.pair().getDataset();
    recipeId = p.pair().getRecipe().getRecipeId();
    if (p.pair().getCreatedAt().isAfter(newest)) {
      newest = p.pair().getCreatedAt();
    }
  }

  @Override
  public void finish(byte[] labelsJson) throws IOException {
    List<CocoInstances.Category> categories = categories(LabelsJson.names(labelsJson));
    requireKnownLabels(categories);
    CocoInstances.Info info = new CocoInstances.Info(dataset, recipeId, newest);
    for (Split s : Split.values()) {
      CocoInstances.write(out.resolve(instancesFile(s)), info, categories, images.get(s));
    }
  }

  private List<CocoInstances.Category> categories(Map<Integer, String> names) {
    List<CocoInstances.Category> out = new ArrayList<>();
    names.forEach(
        (id, name) -> {
          boolean listed =
              id != CocoRegion.BACKGROUND
                  && (id != CocoRegion.IGNORE || ignoreBand == IgnoreBand.CROWD);
          if (listed) {
            out.add(new CocoInstances.Category(id, name));
          }
        });
    return out;
  }

  /** A mask value no class of the dataset carries would be an annotation without a category. */
  private void requireKnownLabels(List<CocoInstances.Category> categories) {
    Set<Integer> known = new HashSet<>();
    categories.forEach(c -> known.add(c.id()));
    for (List<CocoInstances.Image> list : images.values()) {
      for (CocoInstances.Image image : list) {
        for (CocoRegion r : image.regions()) {
          if (!known.contains(r.label())) {
            throw new IllegalStateException(
                "mask of "
                    + image.fileName()
                    + " has label "
                    + r.label()
                    + ", which no class of the dataset carries (labels.json lists "
                    + known
                    + ")");
          }
        }
      }
    }
  }

  /** COCO masks are in image pixels, so the JPEG must have the mask's size. */
  private static void requireSameSize(String id, byte[] jpeg, int width, int height)
      throws IOException {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
      var readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new IllegalStateException("image of " + id + " is not a readable image");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        int w = reader.getWidth(0);
        int h = reader.getHeight(0);
        if (w != width || h != height) {
          throw new IllegalStateException(
              "image of " + id + " is " + w + "×" + h + " but its mask " + width + "×" + height);
        }
      } finally {
        reader.dispose();
      }
    }
  }
}
