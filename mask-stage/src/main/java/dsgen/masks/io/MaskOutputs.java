package dsgen.masks.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dsgen.masks.MaskResult;
import dsgen.masks.image.RgbImage;
import dsgen.recipe.Recipe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The output folder of {@code dsgen masks}: soft.npy (float32 [C, H, W], metadata class order),
 * labels.png (VOC palette, value = label id), overlay.png, recipe.json ({"method", "params"}, every
 * parameter resolved) and one PNG per extra label map (e.g. labels_blocky.png).
 */
public final class MaskOutputs {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private MaskOutputs() {}

  public static void write(Path dir, MaskResult result, RgbImage image, Recipe recipe)
      throws IOException {
    Files.createDirectories(dir);
    int w = result.width();
    int h = result.height();
    Files.write(dir.resolve("soft.npy"), Npy.float32(result.soft(), h, w));
    Files.write(dir.resolve("labels.png"), LabelPng.encode(result.labels(), w, h));
    for (Map.Entry<String, byte[]> e : result.extraLabelMaps().entrySet()) {
      Files.write(dir.resolve(e.getKey() + ".png"), LabelPng.encode(e.getValue(), w, h));
    }
    Files.write(dir.resolve("overlay.png"), OverlayPng.encode(image, result.labels()));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("method", recipe.method());
    json.put("params", recipe.params());
    Files.writeString(dir.resolve("recipe.json"), JSON.writeValueAsString(json) + "\n");
  }
}
