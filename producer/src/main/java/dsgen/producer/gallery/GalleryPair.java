package dsgen.producer.gallery;

import dsgen.records.Pair;
import java.util.Map;
import java.util.TreeMap;

/**
 * One recipe's pair of an image, as the gallery shows it.
 *
 * @param classFractions share of the mask's pixels per class name, {@code background} and {@code
 *     ignore} (the pair's own numbers)
 */
public record GalleryPair(
    String recipeId,
    String method,
    StoredObject image,
    StoredObject mask,
    StoredObject annotation,
    Map<String, Double> classFractions,
    String replayId,
    long createdAt) {
  static final String BACKGROUND = "background";
  static final String IGNORE = "ignore";

  static GalleryPair of(Pair p) {
    return new GalleryPair(
        p.getRecipe().getRecipeId(),
        p.getRecipe().getMethod(),
        StoredObject.of(p.getImage()),
        StoredObject.of(p.getMask()),
        StoredObject.of(p.getAnnotation()),
        new TreeMap<>(p.getClassFractions()),
        p.getReplayId(),
        p.getCreatedAt().toEpochMilli());
  }

  /** The classes the pair's mask was computed for (every class of the image, even at 0 pixels). */
  Map<String, Double> classes() {
    Map<String, Double> out = new TreeMap<>(classFractions);
    out.remove(BACKGROUND);
    out.remove(IGNORE);
    return out;
  }
}
