package dsgen.masks.pcc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dsgen.attention.AttentionProblem;
import dsgen.attention.AttentionWriter;
import dsgen.masks.MaskMethods;
import dsgen.masks.MaskResult;
import dsgen.masks.image.RgbImage;
import dsgen.masks.io.AttentionFile;
import dsgen.masks.io.AttentionFileException;
import dsgen.recipe.Recipe;
import dsgen.recipe.Recipes;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pcc method on small hand-made attention files (R = 8, 16² image): wiring and bad input. */
class PccMethodTest {
  private static final int R = 8;
  private static final int SIZE = 16;
  private static final String CAT =
      "{\"name\":\"cat\",\"label\":8,\"prompt_tokens\":[5],\"class_prompt_tokens\":[1],"
          + "\"descriptive_tokens\":%s}";

  private static Map<String, String> metadata(String descriptiveTokens) {
    Map<String, String> m = new HashMap<>();
    m.put("format", "dsgen-attention/1");
    m.put("prompt", "a photo of a cat");
    m.put("descriptive_prompt", "cat");
    m.put("classes", "[" + String.format(CAT, descriptiveTokens) + "]");
    m.put("resolutions", "[8,4,2,1]");
    m.put("latent_size", "8");
    return m;
  }

  /** The cat is the square x, y in [2, 6) of the 8×8 grid. */
  private static boolean inCat(int p) {
    int x = p % R;
    int y = p / R;
    return x >= 2 && x < 6 && y >= 2 && y < 6;
  }

  private static float[] features(int columns) {
    float[] f = new float[R * R * columns];
    for (int p = 0; p < R * R; p++) {
      for (int c = 0; c < columns; c++) {
        f[p * columns + c] = (inCat(p) ? 1f : 0f) + 0.01f * ((p * 7 + c * 3) % 5);
      }
    }
    return f;
  }

  /**
   * Rows: start token (background), cat, end token; {@code catMap = false} makes the cat row
   * constant.
   */
  private static float[] ovam(boolean catMap) {
    float[] o = new float[3 * R * R];
    for (int p = 0; p < R * R; p++) {
      o[p] = inCat(p) ? 1f : 5f;
      o[R * R + p] = catMap && inCat(p) ? 6f : 1f;
      o[2 * R * R + p] = 2f;
    }
    return o;
  }

  private static AttentionWriter file(String descriptiveTokens, int columns, boolean catMap) {
    return new AttentionWriter()
        .metadata(metadata(descriptiveTokens))
        .f16("pcc_features", new int[] {R * R, columns}, features(columns))
        .f16("ovam_8", new int[] {3, R, R}, ovam(catMap));
  }

  private static RgbImage image(int width, int height) {
    int[] rgb = new int[width * height];
    for (int p = 0; p < rgb.length; p++) {
      int x = p % width * R / width;
      int y = p / width * R / height;
      rgb[p] = inCat(y * R + x) ? 0xC08040 : 0x4080C0;
    }
    return RgbImage.of(width, height, rgb);
  }

  private static Recipe recipe() {
    return Recipes.defaults("pcc", R);
  }

  private static MaskResult run(AttentionWriter w, RgbImage image) {
    return MaskMethods.forName("pcc").compute(AttentionFile.read(w.toBytes()), image, recipe());
  }

  @Test
  void registeredAndSegmentsTheObject() {
    assertInstanceOf(PccMethod.class, MaskMethods.forName("pcc"));
    MaskResult out = run(file("[1]", 6, true), image(SIZE, SIZE));
    assertEquals(SIZE, out.width());
    assertEquals(1, out.classes());
    byte[] blocky = out.extraLabelMaps().get(PccMethod.BLOCKY);
    for (int p = 0; p < SIZE * SIZE; p++) {
      int cell = (p / SIZE / 2) * R + p % SIZE / 2;
      assertEquals(inCat(cell) ? 8 : 0, blocky[p] & 0xFF, "blocky pixel " + p);
      assertEquals(inCat(cell), out.soft()[0][p] > 0.5, "soft pixel " + p);
    }
    assertTrue(out.label(SIZE / 2, SIZE / 2) == 8 || out.label(SIZE / 2, SIZE / 2) == 255);
  }

  @Test
  void withoutRefinementTheLabelsAreTheBlockyMap() {
    Recipe noRefine = Recipes.resolve("pcc", Map.of("refine", "false"), R);
    MaskResult out =
        MaskMethods.forName("pcc")
            .compute(
                AttentionFile.read(file("[1]", 6, true).toBytes()), image(SIZE, SIZE), noRefine);
    assertArrayEquals(out.extraLabelMaps().get(PccMethod.BLOCKY), out.labels());
  }

  @Test
  void missingFeaturesAreNamed() {
    AttentionWriter w =
        new AttentionWriter()
            .metadata(metadata("[1]"))
            .f16("ovam_8", new int[] {3, R, R}, ovam(true));
    AttentionFileException e =
        assertThrows(AttentionFileException.class, () -> run(w, image(SIZE, SIZE)));
    assertEquals(AttentionProblem.MISSING_TENSOR, e.problem());
    assertEquals("pcc_features", e.culprit());
    assertTrue(e.getMessage().contains("recipe pcc-"), e.getMessage());
  }

  @Test
  void missingOvamIsNamed() {
    AttentionWriter w =
        new AttentionWriter()
            .metadata(metadata("[1]"))
            .f16("pcc_features", new int[] {R * R, 6}, features(6));
    AttentionFileException e =
        assertThrows(AttentionFileException.class, () -> run(w, image(SIZE, SIZE)));
    assertEquals(AttentionProblem.MISSING_TENSOR, e.problem());
    assertEquals("ovam_8", e.culprit());
  }

  @Test
  void wrongColumnCountIsNamed() {
    AttentionFileException e =
        assertThrows(
            AttentionFileException.class, () -> run(file("[1]", 7, true), image(SIZE, SIZE)));
    assertEquals(AttentionProblem.BAD_SHAPE, e.problem());
    assertEquals("pcc_features", e.culprit());
    assertTrue(e.getMessage().contains("[64, 7]"), e.getMessage());
  }

  @Test
  void constantClassMapIsNamed() {
    AttentionFileException e =
        assertThrows(
            AttentionFileException.class, () -> run(file("[1]", 6, false), image(SIZE, SIZE)));
    assertEquals(AttentionProblem.EMPTY_CLASS_MAP, e.problem());
    assertEquals("ovam_8", e.culprit());
    assertTrue(e.getMessage().contains("'cat'"), e.getMessage());
  }

  @Test
  void classWithoutDescriptiveTokensIsNamed() {
    AttentionFileException e =
        assertThrows(
            AttentionFileException.class, () -> run(file("[]", 6, true), image(SIZE, SIZE)));
    assertEquals(AttentionProblem.EMPTY_CLASS_MAP, e.problem());
    assertEquals("classes[0].descriptive_tokens", e.culprit());
  }

  @Test
  void imageThatDoesNotFitTheAttentionIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> run(file("[1]", 6, true), image(SIZE, 24)));
    assertThrows(IllegalArgumentException.class, () -> run(file("[1]", 6, true), image(12, 12)));
  }
}
