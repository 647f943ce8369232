package dsgen.maskstage.dataset;

import java.util.regex.Pattern;

/**
 * Object keys of one dataset folder, {@code datasets/{dataset}/{recipeId}/}, laid out like Pascal
 * VOC. Keys depend only on ids, so rewriting a pair (a retry, a replay of the same recipe) writes
 * the same objects.
 */
public record DatasetKeys(String dataset, String recipeId) {

  /** One path segment: no slash, no leading dot, so an id can never climb out of its folder. */
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}");

  public static final String ROOT = "datasets";
  public static final String IMAGES = "JPEGImages";
  public static final String MASKS = "SegmentationClass";
  public static final String ANNOTATIONS = "annotations";
  public static final String LABELS_FILE = "labels.json";
  public static final String RECIPE_FILE = "recipe.json";

  public DatasetKeys {
    requireSegment("dataset", dataset);
    requireSegment("recipeId", recipeId);
  }

  /** {@code datasets/{dataset}/{recipeId}/}, with the trailing slash, for listing. */
  public String prefix() {
    return ROOT + "/" + dataset + "/" + recipeId + "/";
  }

  public String image(String imageId) {
    return prefix() + IMAGES + "/" + requireSegment("imageId", imageId) + ".jpg";
  }

  public String mask(String imageId) {
    return prefix() + MASKS + "/" + requireSegment("imageId", imageId) + ".png";
  }

  public String annotation(String imageId) {
    return prefix() + ANNOTATIONS + "/" + requireSegment("imageId", imageId) + ".json";
  }

  public String labels() {
    return prefix() + LABELS_FILE;
  }

  public String recipe() {
    return prefix() + RECIPE_FILE;
  }

  /**
   * @throws IllegalArgumentException when the value cannot be one path segment of a dataset key
   */
  public static String requireSegment(String field, String value) {
    if (value == null || !SEGMENT.matcher(value).matches()) {
      throw new IllegalArgumentException(
          field
              + " '"
              + value
              + "' cannot name a dataset object: use letters, digits, '.', '_' or '-' (not leading '.'), at most 200");
    }
    return value;
  }
}
