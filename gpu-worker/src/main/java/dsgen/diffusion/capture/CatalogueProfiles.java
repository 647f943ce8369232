package dsgen.diffusion.capture;

import dsgen.recipe.CaptureProfiles;
import java.util.List;
import java.util.Set;

/**
 * Capture profiles of the recipe catalogue ({@link CaptureProfiles}: {@code default}, {@code full}
 * or a comma-separated tensor list), plus {@code none}: capture nothing (an image only).
 */
public final class CatalogueProfiles implements TensorCatalogue {
  public static final String NONE = "none";

  @Override
  public Set<String> tensorsFor(String profile, List<Integer> resolutions) {
    if (profile != null && profile.strip().equals(NONE)) {
      return Set.of();
    }
    return CaptureProfiles.tensorsFor(profile, resolutions);
  }
}
