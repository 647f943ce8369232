package dsgen.producer.gallery;

import dsgen.records.Pair;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An image of a dataset with its pair per recipe: one tile of the gallery.
 *
 * @param seq the dataset's change number of the latest pair of this image (the gallery's cursor)
 * @param pairs by recipe id
 */
public record GalleryImage(
    String dataset, String imageId, String jobId, long seq, SortedMap<String, GalleryPair> pairs) {

  static GalleryImage first(Pair p) {
    return new GalleryImage(p.getDataset(), p.getImageId(), p.getJobId(), 0, new TreeMap<>());
  }

  /** This image with {@code p} as its pair for p's recipe (replacing an earlier one), at seq. */
  GalleryImage with(Pair p, long newSeq) {
    SortedMap<String, GalleryPair> next = new TreeMap<>(pairs);
    next.put(p.getRecipe().getRecipeId(), GalleryPair.of(p));
    return new GalleryImage(dataset, imageId, jobId, newSeq, next);
  }

  /** The classes any of its pairs was computed for. */
  public SortedSet<String> classes() {
    SortedSet<String> out = new TreeSet<>();
    pairs.values().forEach(p -> out.addAll(p.classes().keySet()));
    return out;
  }

  /**
   * Whether the image belongs in a filtered view.
   *
   * @param className a class the image shows (prompted for), or null for any
   * @param recipeId a recipe the image has a pair of, or null for any
   * @param job the job the image comes from, or null for any
   */
  boolean matches(String className, String recipeId, String job) {
    return (className == null || classes().contains(className))
        && (recipeId == null || pairs.containsKey(recipeId))
        && (job == null || job.equals(jobId));
  }
}
