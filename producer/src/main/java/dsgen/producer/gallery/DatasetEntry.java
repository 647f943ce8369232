package dsgen.producer.gallery;

import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A dataset as the gallery knows it.
 *
 * @param latestSeq change number of the latest pair (0 before the first)
 * @param images distinct images
 * @param pairs distinct (image, recipe) pairs
 */
public record DatasetEntry(
    String dataset,
    long latestSeq,
    long images,
    long pairs,
    SortedSet<String> recipes,
    SortedSet<String> jobs) {

  static DatasetEntry empty(String dataset) {
    return new DatasetEntry(dataset, 0, 0, 0, new TreeSet<>(), new TreeSet<>());
  }

  DatasetEntry next(boolean newImage, boolean newPair, String recipeId, String jobId) {
    SortedSet<String> r = new TreeSet<>(recipes);
    r.add(recipeId);
    SortedSet<String> j = new TreeSet<>(jobs);
    j.add(jobId);
    return new DatasetEntry(
        dataset, latestSeq + 1, images + (newImage ? 1 : 0), pairs + (newPair ? 1 : 0), r, j);
  }
}
