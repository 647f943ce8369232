package dsgen.worker.task;

import dsgen.recipe.CaptureProfiles;
import java.util.List;
import java.util.Optional;

/** Capture profiles as the recipe catalogue defines them (default, full, or a tensor list). */
public final class CatalogueProfiles implements CaptureProfileCheck {
  @Override
  public Optional<String> problemWith(String profile, List<Integer> resolutions) {
    try {
      CaptureProfiles.tensorsFor(profile, resolutions);
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }
}
