package dsgen.maskstage.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dsgen.records.ClassEntry;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntFunction;

/**
 * {@code labels.json} of a dataset folder: label id → class name and id → palette colour, in
 * ascending id order, with 0 = background and 255 = ignore. The same classes always give the same
 * bytes.
 */
public final class LabelsJson {

  public static final String FORMAT = "dsgen-labels/1";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private LabelsJson() {}

  /**
   * @param classes every class of the dataset (several jobs may feed one dataset, so duplicates are
   *     expected); two names on one id are both kept, joined by {@code |}, so a clash is visible,
   *     not hidden
   * @param colour RGB of a label id in the palette the masks are written with
   */
  public static byte[] of(Collection<ClassEntry> classes, IntFunction<int[]> colour) {
    Map<Integer, TreeSet<String>> namesById = new TreeMap<>();
    namesById.computeIfAbsent(0, id -> new TreeSet<>()).add(ClassFractions.BACKGROUND);
    for (ClassEntry c : classes) {
      namesById.computeIfAbsent(c.getLabel(), id -> new TreeSet<>()).add(c.getName());
    }
    namesById.computeIfAbsent(255, id -> new TreeSet<>()).add(ClassFractions.IGNORE);

    Map<String, String> names = new LinkedHashMap<>();
    Map<String, List<Integer>> palette = new LinkedHashMap<>();
    namesById.forEach(
        (id, set) -> {
          names.put(Integer.toString(id), String.join("|", set));
          int[] rgb = colour.apply(id);
          palette.put(Integer.toString(id), List.of(rgb[0], rgb[1], rgb[2]));
        });
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("format", FORMAT);
    doc.put("background", 0);
    doc.put("ignore", 255);
    doc.put("labels", names);
    doc.put("palette", palette);
    try {
      return JSON.writeValueAsString(doc).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("labels.json could not be encoded", e);
    }
  }

  /** Label id → name from a {@code labels.json} written by {@link #of}. */
  public static Map<Integer, String> names(byte[] labelsJson) {
    try {
      Map<Integer, String> byId = new TreeMap<>();
      JSON.readTree(labelsJson)
          .path("labels")
          .fields()
          .forEachRemaining(e -> byId.put(Integer.parseInt(e.getKey()), e.getValue().asText()));
      return byId;
    } catch (java.io.IOException | NumberFormatException e) {
      throw new IllegalArgumentException(
          "labels.json is not a " + FORMAT + " document: " + e.getMessage(), e);
    }
  }
}
