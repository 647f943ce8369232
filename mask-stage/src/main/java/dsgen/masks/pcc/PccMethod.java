package dsgen.masks.pcc;

import static dsgen.attention.AttentionProblem.BAD_SHAPE;
import static dsgen.attention.AttentionProblem.EMPTY_CLASS_MAP;

import dsgen.attention.AttentionClass;
import dsgen.attention.AttentionTensor;
import dsgen.attention.TensorFamily;
import dsgen.attention.TensorName;
import dsgen.masks.MaskGeometry;
import dsgen.masks.MaskMethod;
import dsgen.masks.MaskResult;
import dsgen.masks.image.RgbImage;
import dsgen.masks.io.AttentionFile;
import dsgen.masks.io.AttentionFileException;
import dsgen.recipe.Recipe;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The {@code pcc} recipe (docs/algorithms.md#pcc): reads {@code pcc_features} and {@code ovam_R}
 * and the decoded image, runs {@link PccPipeline}, and returns the refined labels with the blocky
 * map as {@code labels_blocky}.
 */
public final class PccMethod implements MaskMethod {
  public static final String NAME = "pcc";

  /** Extra label map: the mask before the image refinement. */
  public static final String BLOCKY = "labels_blocky";

  /** Each head map contributes its first three principal components. */
  private static final int COMPONENTS_PER_HEAD = 3;

  @Override
  public MaskResult compute(AttentionFile attention, RgbImage image, Recipe recipe) {
    int r = attention.topResolution();
    int size = MaskGeometry.side(attention, image);
    AttentionTensor features = attention.require(TensorName.pccFeatures(), recipe.recipeId());
    int columns = featureColumns(features, r);
    AttentionTensor ovam =
        attention.require(TensorName.of(TensorFamily.OVAM, r), recipe.recipeId());
    List<ClassTokens> classes = classTokens(attention.metadata().classes());

    PccParameters parameters = parameters(recipe);
    ClassActivations activations =
        ClassActivations.fromOvam(ovam.toFloatArray(), ovam.dim(0), r, size, classes);
    requireNonEmptyClassMaps(activations, attention.metadata().classes(), ovam.name());
    PccOutput out =
        PccPipeline.run(
            activations,
            features.toFloatArray(),
            columns,
            r,
            classes.size(),
            packedPixels(image),
            size,
            parameters);
    return new MaskResult(
        size, size, out.soft(), bytes(out.labels()), Map.of(BLOCKY, bytes(out.blocky())));
  }

  static PccParameters parameters(Recipe recipe) {
    return new PccParameters(
        recipe.intsParam("clusters"),
        recipe.doublesParam("confidences"),
        recipe.doubleParam("bg-factor"),
        recipe.doubleParam("agreement"),
        recipe.boolParam("refine"),
        recipe.intParam("refine-clusters"),
        recipe.intParam("refine-min-px"));
  }

  /** [R², F] with F a positive multiple of 3 (three PCA components per head map). */
  private static int featureColumns(AttentionTensor features, int r) {
    int[] shape = features.shape();
    if (shape.length != 2
        || shape[0] != r * r
        || shape[1] < COMPONENTS_PER_HEAD
        || shape[1] % COMPONENTS_PER_HEAD != 0) {
      throw new AttentionFileException(
          BAD_SHAPE,
          features.name(),
          "tensor "
              + features.name()
              + " has shape "
              + Arrays.toString(shape)
              + ", expected ["
              + r * r
              + ", F] with F a positive multiple of "
              + COMPONENTS_PER_HEAD
              + " (three principal components per attention head)");
    }
    return shape[1];
  }

  private static List<ClassTokens> classTokens(List<AttentionClass> classes) {
    List<ClassTokens> out = new ArrayList<>(classes.size());
    for (int i = 0; i < classes.size(); i++) {
      AttentionClass c = classes.get(i);
      if (c.descriptiveTokens().isEmpty()) {
        throw new AttentionFileException(
            EMPTY_CLASS_MAP,
            "classes[" + i + "].descriptive_tokens",
            "metadata classes["
                + i
                + "].descriptive_tokens of class '"
                + c.name()
                + "' is empty: pcc has no OVAM"
                + " map to classify it with");
      }
      out.add(
          new ClassTokens(
              c.name(),
              c.label(),
              c.descriptiveTokens().stream().mapToInt(Integer::intValue).toArray()));
    }
    return out;
  }

  /**
   * A constant class map can win no pixel (the reference silently drops the class); an image whose
   * label map can never show one of its classes is bad input, so it is refused with the class
   * named.
   */
  private static void requireNonEmptyClassMaps(
      ClassActivations activations, List<AttentionClass> classes, String ovamName) {
    for (int row = 1; row < activations.maps().length; row++) {
      if (activations.isEmpty(row)) {
        int index = activations.classIndex()[row];
        AttentionClass c = classes.get(index);
        throw new AttentionFileException(
            EMPTY_CLASS_MAP,
            ovamName,
            "class '"
                + c.name()
                + "' (classes["
                + index
                + "]) has a constant map in "
                + ovamName
                + " (descriptive tokens "
                + c.descriptiveTokens()
                + "), so pcc cannot place it");
      }
    }
  }

  private static int[] packedPixels(RgbImage image) {
    int[] rgb = new int[image.width() * image.height()];
    for (int y = 0; y < image.height(); y++) {
      for (int x = 0; x < image.width(); x++) {
        rgb[y * image.width() + x] = image.rgb(x, y);
      }
    }
    return rgb;
  }

  private static byte[] bytes(int[] labels) {
    byte[] out = new byte[labels.length];
    for (int p = 0; p < labels.length; p++) {
      out[p] = (byte) labels[p];
    }
    return out;
  }
}
