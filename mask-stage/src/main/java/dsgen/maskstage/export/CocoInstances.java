package dsgen.maskstage.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dsgen.store.ObjectRefs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * One COCO "instances" file ({@code annotations/instances_<split>.json}): {@code info}, {@code
 * licenses}, {@code images}, {@code annotations} with {@code segmentation} as compressed RLE, and
 * {@code categories}. Written as a stream, so a large dataset is never held as one JSON tree.
 */
final class CocoInstances {

  private static final JsonFactory JSON = new JsonFactory();

  /** A COCO image entry with its annotations. */
  record Image(long id, String fileName, int width, int height, List<CocoRegion> regions) {}

  /** A COCO category: the label id of {@code labels.json} and its class name. */
  record Category(int id, String name) {}

  /** The {@code info} block: which dataset folder and recipe, and when its newest pair was made. */
  record Info(String dataset, String recipeId, Instant created) {}

  private CocoInstances() {}

  /**
   * A COCO image id for an imageId that stays the same in every export (so a results file made
   * against one export still matches the next): 52 bits of SHA-256(imageId), plus one, which is
   * below 2^53 and so exact in every JSON reader.
   */
  static long imageId(String imageId) {
    String hex = ObjectRefs.sha256Hex(imageId.getBytes(StandardCharsets.UTF_8));
    return Long.parseLong(hex.substring(16, 29), 16) + 1;
  }

  static void write(Path file, Info info, List<Category> categories, List<Image> images)
      throws IOException {
    try (JsonGenerator g = JSON.createGenerator(file.toFile(), JsonEncoding.UTF8)) {
      g.writeStartObject();
      writeInfo(g, info);
      g.writeArrayFieldStart("licenses");
      g.writeEndArray();
      writeImages(g, images);
      writeAnnotations(g, images);
      writeCategories(g, categories);
      g.writeEndObject();
    }
  }

  private static void writeInfo(JsonGenerator g, Info info) throws IOException {
    g.writeObjectFieldStart("info");
    g.writeStringField(
        "description", "dsgen dataset " + info.dataset() + ", recipe " + info.recipeId());
    g.writeStringField("version", info.recipeId());
    g.writeNumberField("year", info.created().atZone(ZoneOffset.UTC).getYear());
    g.writeStringField("contributor", "dsgen");
    g.writeStringField("date_created", info.created().toString());
    g.writeStringField("url", "");
    g.writeEndObject();
  }

  private static void writeImages(JsonGenerator g, List<Image> images) throws IOException {
    g.writeArrayFieldStart("images");
    for (Image image : images) {
      g.writeStartObject();
      g.writeNumberField("id", image.id());
      g.writeStringField("file_name", image.fileName());
      g.writeNumberField("width", image.width());
      g.writeNumberField("height", image.height());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void writeAnnotations(JsonGenerator g, List<Image> images) throws IOException {
    g.writeArrayFieldStart("annotations");
    long annotationId = 1;
    for (Image image : images) {
      for (CocoRegion region : image.regions()) {
        g.writeStartObject();
        g.writeNumberField("id", annotationId++);
        g.writeNumberField("image_id", image.id());
        g.writeNumberField("category_id", region.label());
        g.writeObjectFieldStart("segmentation");
        g.writeArrayFieldStart("size");
        g.writeNumber(region.rle().height());
        g.writeNumber(region.rle().width());
        g.writeEndArray();
        g.writeStringField("counts", region.rle().compressed());
        g.writeEndObject();
        g.writeNumberField("area", region.rle().area());
        g.writeArrayFieldStart("bbox");
        for (int v : region.rle().bbox()) {
          g.writeNumber(v);
        }
        g.writeEndArray();
        g.writeNumberField("iscrowd", region.crowd() ? 1 : 0);
        g.writeEndObject();
      }
    }
    g.writeEndArray();
  }

  private static void writeCategories(JsonGenerator g, List<Category> categories)
      throws IOException {
    g.writeArrayFieldStart("categories");
    for (Category c : categories) {
      g.writeStartObject();
      g.writeNumberField("id", c.id());
      g.writeStringField("name", c.name());
      g.writeStringField("supercategory", c.id() == CocoRegion.IGNORE ? "ignore" : "object");
      g.writeEndObject();
    }
    g.writeEndArray();
  }
}
