package dsgen.masks;

import dsgen.masks.datasetdiffusion.DatasetDiffusion;
import dsgen.masks.diffumask.DiffuMask;
import dsgen.masks.pcc.PccMethod;
import dsgen.masks.seediff.SeeDiffCode;
import dsgen.masks.seediff.SeeDiffPaper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The mask methods this build runs, by recipe method name. One line per method. */
public final class MaskMethods {
  private static final Map<String, Supplier<MaskMethod>> METHODS = new LinkedHashMap<>();

  static {
    METHODS.put("seediff", SeeDiffPaper::new);
    METHODS.put("seediff-code", SeeDiffCode::new);
    METHODS.put("dataset-diffusion", DatasetDiffusion::new);
    METHODS.put("diffumask", DiffuMask::new);
    METHODS.put("pcc", PccMethod::new);
  }

  private MaskMethods() {}

  /**
   * The implementation of a recipe method.
   *
   * @throws IllegalArgumentException naming the known methods when this build has none by that name
   */
  public static MaskMethod forName(String method) {
    Supplier<MaskMethod> factory = METHODS.get(method);
    if (factory == null) {
      throw new IllegalArgumentException(
          "no mask method '"
              + method
              + "' in this build (available: "
              + String.join(", ", names())
              + ")");
    }
    return factory.get();
  }

  /** Method names this build runs. */
  public static List<String> names() {
    return List.copyOf(METHODS.keySet());
  }
}
