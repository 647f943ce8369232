package dsgen.producer.gallery;

import dsgen.dataset.VocPalette;
import dsgen.records.ClassEntry;
import dsgen.records.JobSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A class as the overlays show it: its label id and that label's colour in the masks' palette.
 *
 * @param label null when no job of the dataset names the class (its colour is then unknown)
 * @param colour {@code #rrggbb}, null with the label
 */
public record LegendEntry(String name, Integer label, String colour) {

  /**
   * The legend of a set of classes, labelled by the jobs their images came from.
   *
   * @param jobs looks a job up by id
   */
  public static List<LegendEntry> of(
      SortedSet<String> classes,
      Iterable<String> jobIds,
      Function<String, Optional<JobSpec>> jobs) {
    Map<String, Integer> labels = new TreeMap<>();
    for (String jobId : jobIds) {
      jobs.apply(jobId)
          .ifPresent(
              spec -> {
                for (ClassEntry c : spec.getClasses()) {
                  labels.putIfAbsent(c.getName(), c.getLabel());
                }
              });
    }
    List<LegendEntry> out = new ArrayList<>();
    for (String name : classes) {
      Integer label = labels.get(name);
      out.add(new LegendEntry(name, label, label == null ? null : VocPalette.hex(label)));
    }
    return out;
  }
}
