package dsgen.maskstage.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dsgen.maskstage.dataset.VocLabelPng;
import dsgen.records.Pair;
import dsgen.store.LocalObjectStore;
import dsgen.store.ObjectStore;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A COCO export of a dataset written by the stage's writer, read back with a decoder written from
 * the COCO RLE definition ({@link IndependentRleDecoder}): every image's annotations give back its
 * PNG label map exactly, and each annotation's area and bbox are those of its decoded mask.
 */
class CocoExportTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int IMAGES = 24;

  @TempDir Path temp;

  @Test
  void everyRleDecodesBackToThePngLabelMapWithItsAreaAndBbox() throws Exception {
    try (ObjectStore store = new LocalObjectStore(temp.resolve("store"))) {
      SyntheticDataset d = SyntheticDataset.write(store, "coco-job", IMAGES, 11);
      Path out = temp.resolve("coco");
      DatasetExport.Summary summary = export(store, d.pairs, out, IgnoreBand.CROWD);
      assertEquals(IMAGES, summary.images());
      assertTrue(summary.perSplit().get(Split.VAL) > 0, "both splits are exercised");

      Map<Long, String> seen = new HashMap<>();
      int annotations = 0;
      for (Split split : Split.values()) {
        JsonNode doc = JSON.readTree(out.resolve(CocoWriter.instancesFile(split)).toFile());
        assertEquals(
            Map.of(8, "cat", 12, "dog", 255, "ignore"), categories(doc), "labels.json ids");
        Map<Long, int[]> rebuilt = new HashMap<>();
        Map<Long, JsonNode> images = new HashMap<>();
        for (JsonNode image : doc.path("images")) {
          long id = image.path("id").asLong();
          String imageId = image.path("file_name").asText().replace(".jpg", "");
          assertEquals(split, Split.of(imageId, 0.25), imageId + " is in its split's file");
          assertEquals(null, seen.put(id, imageId), "image ids are unique over both splits");
          images.put(id, image);
          rebuilt.put(id, new int[image.path("width").asInt() * image.path("height").asInt()]);
          BufferedImage jpeg =
              ImageIO.read(out.resolve("images").resolve(imageId + ".jpg").toFile());
          assertEquals(image.path("width").asInt(), jpeg.getWidth());
          assertEquals(image.path("height").asInt(), jpeg.getHeight());
        }
        for (JsonNode a : doc.path("annotations")) {
          JsonNode image = images.get(a.path("image_id").asLong());
          int w = image.path("width").asInt();
          int h = image.path("height").asInt();
          assertEquals(
              List.of(h, w),
              List.of(a.at("/segmentation/size/0").asInt(), a.at("/segmentation/size/1").asInt()));
          boolean[] mask =
              IndependentRleDecoder.decode(a.at("/segmentation/counts").asText(), h, w);
          int category = a.path("category_id").asInt();
          assertEquals(
              category == 255 ? 1 : 0, a.path("iscrowd").asInt(), "only the band is crowd");
          assertEquals(count(mask), a.path("area").asLong(), "area of annotation " + a.path("id"));
          assertArrayEquals(bbox(mask, w, h), doubles(a.path("bbox")), "bbox of " + a.path("id"));
          int[] labels = rebuilt.get(a.path("image_id").asLong());
          for (int p = 0; p < mask.length; p++) {
            if (mask[p]) {
              assertEquals(0, labels[p], "annotations of one image do not overlap");
              labels[p] = category;
            }
          }
          annotations++;
        }
        for (var e : rebuilt.entrySet()) {
          String imageId = seen.get(e.getKey());
          assertArrayEquals(d.labels.get(imageId), e.getValue(), "label map of " + imageId);
        }
      }
      assertEquals(IMAGES, seen.size(), "every image in one of the two files");
      assertTrue(annotations > IMAGES, "several classes per image: " + annotations);
    }
  }

  @Test
  void theIgnoreBandCanBeLeftOut() throws Exception {
    try (ObjectStore store = new LocalObjectStore(temp.resolve("store"))) {
      SyntheticDataset d = SyntheticDataset.write(store, "omit-job", 6, 5);
      Path out = temp.resolve("coco");
      export(store, d.pairs, out, IgnoreBand.OMIT);
      JsonNode doc = JSON.readTree(out.resolve(CocoWriter.instancesFile(Split.TRAIN)).toFile());
      assertEquals(Map.of(8, "cat", 12, "dog"), categories(doc));
      for (JsonNode a : doc.path("annotations")) {
        assertEquals(0, a.path("iscrowd").asInt());
        assertFalse(a.path("category_id").asInt() == 255);
      }
    }
  }

  @Test
  void aMaskLabelNoClassCarriesIsAnErrorNamingTheImage() throws Exception {
    try (ObjectStore store = new LocalObjectStore(temp.resolve("store"))) {
      SyntheticDataset d = SyntheticDataset.write(store, "bad-job", 1, 3);
      String imageId = d.pairs.firstKey();
      int w = d.sizes.get(imageId)[0];
      int h = d.sizes.get(imageId)[1];
      byte[] stray = new byte[w * h];
      stray[w + 1] = 7;
      Pair pair = d.pairs.get(imageId);
      Pair broken =
          Pair.newBuilder(pair)
              .setMask(
                  store.put(
                      "datasets/synthetic/stray.png",
                      new VocLabelPng().encode(w, h, stray),
                      "image/png",
                      Map.of()))
              .build();
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class,
              () ->
                  export(
                      store,
                      new TreeMap<>(Map.of(imageId, broken)),
                      temp.resolve("coco"),
                      IgnoreBand.CROWD));
      assertTrue(
          e.getMessage().contains(imageId + ".jpg") && e.getMessage().contains("label 7"),
          e.getMessage());
    }
  }

  private static DatasetExport.Summary export(
      ObjectStore store, java.util.SortedMap<String, Pair> pairs, Path out, IgnoreBand band) {
    return new DatasetExport(store, new VocLabelPng())
        .write(pairs, out, new DatasetExport.Options(ExportFormat.COCO, 0.25, band), n -> {});
  }

  private static Map<Integer, String> categories(JsonNode doc) {
    Map<Integer, String> out = new TreeMap<>();
    doc.path("categories").forEach(c -> out.put(c.path("id").asInt(), c.path("name").asText()));
    return out;
  }

  private static long count(boolean[] mask) {
    long n = 0;
    for (boolean b : mask) {
      n += b ? 1 : 0;
    }
    return n;
  }

  /** [x, y, w, h] of the set pixels, found by looking at every pixel. */
  private static double[] bbox(boolean[] mask, int w, int h) {
    int minX = w;
    int minY = h;
    int maxX = -1;
    int maxY = -1;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        if (mask[y * w + x]) {
          minX = Math.min(minX, x);
          maxX = Math.max(maxX, x);
          minY = Math.min(minY, y);
          maxY = Math.max(maxY, y);
        }
      }
    }
    return maxX < 0 ? new double[4] : new double[] {minX, minY, maxX - minX + 1, maxY - minY + 1};
  }

  private static double[] doubles(JsonNode array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asDouble();
    }
    return out;
  }
}
