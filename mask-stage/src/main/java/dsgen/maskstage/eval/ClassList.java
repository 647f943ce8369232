package dsgen.maskstage.eval;

import dsgen.maskstage.dataset.LabelsJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The classes an evaluation scores: label ids (pixel values) with their names, in ascending id
 * order. Label {@link #IGNORE} is never a class: it is the ignore index.
 */
public final class ClassList {

  public static final int IGNORE = 255;

  private final int[] labels;
  private final String[] names;
  private final int[] indexOfLabel = new int[256];

  /**
   * @param namesById label id → class name; ids 0..254
   */
  public ClassList(Map<Integer, String> namesById) {
    if (namesById.isEmpty()) {
      throw new IllegalArgumentException("the class list is empty");
    }
    Arrays.fill(indexOfLabel, -1);
    this.labels = namesById.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
    this.names = new String[labels.length];
    for (int i = 0; i < labels.length; i++) {
      int label = labels[i];
      if (label < 0 || label >= IGNORE) {
        throw new IllegalArgumentException(
            "class label " + label + " is not an 8-bit class id (0..254; 255 is the ignore index)");
      }
      indexOfLabel[label] = i;
      names[i] = namesById.get(label);
    }
  }

  /**
   * Reads a class list: a dsgen {@code labels.json} (label ids as they are, the {@code ignore}
   * entry 255 left out), or a text file with one class name per line, line 1 being label 0 (the
   * {@code classes} tuple of an mmsegmentation dataset, one name a line).
   */
  public static ClassList read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the class list " + file + ": " + e, e);
    }
    try {
      String text = new String(bytes, StandardCharsets.UTF_8);
      return text.stripLeading().startsWith("{")
          ? fromLabelsJson(bytes)
          : fromLines(text.lines().toList());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("class list " + file + ": " + e.getMessage(), e);
    }
  }

  /** The classes of a dsgen {@code labels.json}, without its ignore entry. */
  public static ClassList fromLabelsJson(byte[] labelsJson) {
    Map<Integer, String> names = new java.util.TreeMap<>(LabelsJson.names(labelsJson));
    names.remove(IGNORE);
    return new ClassList(names);
  }

  /** One class name per line, the line number from 0 being the label id. */
  public static ClassList fromLines(List<String> lines) {
    List<String> names = new ArrayList<>(lines);
    while (!names.isEmpty() && names.get(names.size() - 1).isBlank()) {
      names.remove(names.size() - 1);
    }
    Map<Integer, String> byId = new java.util.TreeMap<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i).strip();
      if (name.isEmpty()) {
        throw new IllegalArgumentException(
            "line " + (i + 1) + " is empty: line N names the class of label N-1");
      }
      byId.put(i, name);
    }
    return new ClassList(byId);
  }

  public int size() {
    return labels.length;
  }

  /** The label id of the class at {@code index}. */
  public int label(int index) {
    return labels[index];
  }

  public String name(int index) {
    return names[index];
  }

  /**
   * @return the index of the class carrying {@code label}, or -1 when no class does
   */
  public int indexOf(int label) {
    return label >= 0 && label < indexOfLabel.length ? indexOfLabel[label] : -1;
  }

  @Override
  public String toString() {
    return IntStream.range(0, labels.length)
        .mapToObj(i -> labels[i] + " " + names[i])
        .collect(Collectors.joining(", ", "[", "]"));
  }
}
