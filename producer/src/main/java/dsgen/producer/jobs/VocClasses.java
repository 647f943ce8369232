package dsgen.producer.jobs;

import dsgen.records.ClassEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * The preset {@code voc}: the 20 Pascal VOC classes with their VOC label ids 1..20. Names are the
 * words a prompt uses ("dining table", not "diningtable"), because the worker finds each class's
 * tokens in the prompt and Stable Diffusion knows the spaced words; "aeroplane" and "motorbike" are
 * kept as VOC spells them (both are common English).
 */
public final class VocClasses {
  private static final List<String> NAMES =
      List.of(
          "aeroplane",
          "bicycle",
          "bird",
          "boat",
          "bottle",
          "bus",
          "car",
          "cat",
          "chair",
          "cow",
          "dining table",
          "dog",
          "horse",
          "motorbike",
          "person",
          "potted plant",
          "sheep",
          "sofa",
          "train",
          "tv monitor");

  public static final String PRESET = "voc";

  private VocClasses() {}

  public static List<ClassEntry> classes() {
    List<ClassEntry> out = new ArrayList<>(NAMES.size());
    for (int i = 0; i < NAMES.size(); i++) {
      out.add(ClassEntry.newBuilder().setName(NAMES.get(i)).setLabel(i + 1).build());
    }
    return out;
  }
}
