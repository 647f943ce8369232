package dsgen.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dsgen.attention.TensorName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RecipesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Path fixtures() {
    return Path.of(System.getProperty("dsgen.fixtures", "../fixtures"));
  }

  /**
   * Every recipe.json of the mask fixtures (R = 32) is exactly the default recipe of its method.
   */
  @Test
  void defaultsForR32MatchEveryFixtureRecipeJson() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(fixtures().resolve("masks"))) {
      files = s.filter(p -> p.getFileName().toString().equals("recipe.json")).toList();
    }
    assertTrue(files.size() >= 20, "expected the 4 cases x 5 recipes, found " + files.size());
    for (Path f : files) {
      String text = Files.readString(f);
      Recipe stored = Recipes.fromCanonicalJson(text);
      Recipe defaults = Recipes.defaults(stored.method(), 32);
      assertEquals(defaults.canonicalJson(), stored.canonicalJson(), f.toString());
      assertEquals(JSON.readTree(text), JSON.readTree(defaults.canonicalJson()), f.toString());
      assertEquals(defaults.recipeId(), stored.recipeId());
    }
  }

  @Test
  void canonicalJsonSortsKeysWritesArraysAndShortestNumbers() {
    Recipe r = Recipes.defaults("seediff", 64);
    assertEquals(
        "{\"method\":\"seediff\",\"params\":{\"alpha\":0.5,\"background\":true,\"beta\":0.3,"
            + "\"pamr\":true,\"pamr-dilations\":[1,2,4,8,12,24],\"pamr-iters\":10,\"pamr-std-factor\":0.1,"
            + "\"res\":[16,32,64]}}",
        r.canonicalJson());
    assertEquals("seediff-" + Recipes.sha256Hex(r.canonicalJson()).substring(0, 8), r.recipeId());
    Recipe one = Recipes.resolve("diffumask", Map.of("threshold", "1.0"), 64);
    Recipe oneInt = Recipes.resolve("diffumask", Map.of("threshold", "1"), 64);
    assertEquals(one.recipeId(), oneInt.recipeId());
    assertTrue(one.canonicalJson().contains("\"threshold\":1}"), one.canonicalJson());
  }

  @Test
  void numbersUseTheShortestRoundTripForm() {
    assertEquals("0.3", CanonicalJson.number(0.3));
    assertEquals("0.1", CanonicalJson.number(0.1));
    assertEquals("2", CanonicalJson.number(2.0));
    assertEquals("100", CanonicalJson.number(100.0));
    assertEquals("1e-7", CanonicalJson.number(1e-7));
    assertEquals("0.000001", CanonicalJson.number(1e-6));
    assertEquals("1e+21", CanonicalJson.number(1e21));
    assertEquals("-1.5", CanonicalJson.number(-1.5));
    assertEquals("0.30000000000000004", CanonicalJson.number(0.1 + 0.2));
    assertEquals("5e-324", CanonicalJson.number(Double.MIN_VALUE));
  }

  @Test
  void commandLineOverridesAreParsedAndKeptInTheId() {
    Recipe r =
        Recipes.resolve(
            "seediff-code", Map.of("res", "8,16,32", "pamr", "false", "pamr-iters", "100"), 32);
    assertEquals(List.of(8, 16, 32), r.params().get("res"));
    assertEquals(false, r.params().get("pamr"));
    assertEquals(100, r.params().get("pamr-iters"));
    assertTrue(r.recipeId().startsWith("seediff-code-"));
    assertTrue(!r.recipeId().equals(Recipes.defaults("seediff-code", 32).recipeId()));
    assertEquals(r, Recipes.fromCanonicalJson(r.canonicalJson()));
    assertEquals(r.canonicalJson(), r.toRef().getCanonicalJson());
  }

  @Test
  void defaultsScaleWithTheTopResolution() {
    assertEquals(List.of(16, 32, 64), Recipes.defaults("diffumask", 64).params().get("res"));
    assertEquals(16, Recipes.defaults("dataset-diffusion", 64).params().get("cross-res"));
    assertEquals(32, Recipes.defaults("dataset-diffusion", 64).params().get("self-res"));
  }

  @Test
  void unknownMethodIsNamed() {
    InvalidRecipeException e =
        assertThrows(InvalidRecipeException.class, () -> Recipes.defaults("seedif", 64));
    assertTrue(e.getMessage().contains("unknown recipe method 'seedif'"), e.getMessage());
    assertTrue(e.getMessage().contains("seediff-code"), e.getMessage());
  }

  @Test
  void unknownParameterIsNamed() {
    InvalidRecipeException e =
        assertThrows(
            InvalidRecipeException.class,
            () -> Recipes.resolve("seediff", Map.of("alfa", "0.4"), 64));
    assertEquals("alfa", e.parameter());
    assertTrue(
        e.getMessage().contains("unknown parameter 'alfa'") && e.getMessage().contains("alpha"),
        e.getMessage());
  }

  @Test
  void outOfRangeNamesParameterAndRange() {
    InvalidRecipeException e =
        assertThrows(
            InvalidRecipeException.class,
            () -> Recipes.resolve("diffumask", Map.of("threshold", "1.5"), 64));
    assertEquals("threshold", e.parameter());
    assertTrue(
        e.getMessage().contains("threshold = 1.5 is out of range")
            && e.getMessage().contains("[0, 1]"),
        e.getMessage());
    e =
        assertThrows(
            InvalidRecipeException.class,
            () -> Recipes.resolve("seediff-code", Map.of("pamr-iters", "0"), 64));
    assertEquals("pamr-iters", e.parameter());
    e =
        assertThrows(
            InvalidRecipeException.class,
            () -> Recipes.resolve("dataset-diffusion", Map.of("uncertainty", "0.7"), 64));
    assertEquals("uncertainty", e.parameter());
    assertTrue(e.getMessage().contains("above threshold 0.6"), e.getMessage());
  }

  @Test
  void badValuesAndListsAreNamed() {
    assertMessage("seediff", Map.of("alpha", "half"), "alpha", "'half' is not a number");
    assertMessage("seediff", Map.of("pamr", "yes"), "pamr", "'yes' is not a boolean");
    assertMessage("seediff", Map.of("pamr-iters", "2.5"), "pamr-iters", "'2.5' is not an integer");
    assertMessage("seediff", Map.of("res", ""), "res", "empty list");
    assertMessage("seediff", Map.of("res", "16,,64"), "res", "empty element");
    assertMessage("seediff", Map.of("res", "32,16,64"), "res", "strictly increasing");
    assertMessage("pcc", Map.of("clusters", "4,4"), "clusters", "repeats a value");
  }

  @Test
  void resolutionTheModelLacksIsNamed() {
    assertMessage("seediff", Map.of("res", "16,32,128"), "res", "resolution 128 is not available");
    assertMessage("dataset-diffusion", Map.of("self-res", "24"), "self-res", "[8, 16, 32, 64]");
  }

  @Test
  void storedRecipeMustListEveryParameter() {
    InvalidRecipeException e =
        assertThrows(
            InvalidRecipeException.class,
            () ->
                Recipes.fromCanonicalJson(
                    "{\"method\":\"diffumask\",\"params\":{\"threshold\":0.5}}"));
    assertEquals("res", e.parameter());
    e = assertThrows(InvalidRecipeException.class, () -> Recipes.fromCanonicalJson("{\"method\":"));
    assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
  }

  @Test
  void requiredTensorsFollowTheParameters() {
    assertEquals(
        List.of("ca_maxnorm_16", "sa_maxnorm_16", "sa_maxnorm_32", "sa_maxnorm_64"),
        TensorName.spell(Recipes.defaults("seediff", 64).requiredTensors(64)));
    assertEquals(
        List.of("ca_layers_16", "sa_first_16", "sa_first_32", "sa_first_64"),
        TensorName.spell(Recipes.defaults("seediff-code", 64).requiredTensors(64)));
    assertEquals(
        List.of("ca_mean_16", "cpa_mean_16", "sa_mean_32"),
        TensorName.spell(Recipes.defaults("dataset-diffusion", 64).requiredTensors(64)));
    assertEquals(
        List.of("ca_mean_16", "ca_mean_32", "ca_mean_64"),
        TensorName.spell(Recipes.defaults("diffumask", 64).requiredTensors(64)));
    assertEquals(
        List.of("ovam_64", "pcc_features"),
        TensorName.spell(Recipes.defaults("pcc", 64).requiredTensors(64)));
    assertEquals(
        List.of("ca_mean_64", "ca_mean_8"),
        TensorName.spell(
            Recipes.resolve("diffumask", Map.of("res", "8,64"), 64).requiredTensors(64)));
  }

  private static void assertMessage(
      String method, Map<String, String> params, String parameter, String text) {
    InvalidRecipeException e =
        assertThrows(InvalidRecipeException.class, () -> Recipes.resolve(method, params, 64));
    assertEquals(parameter, e.parameter(), e.getMessage());
    assertTrue(e.getMessage().contains(text) && e.getMessage().contains(parameter), e.getMessage());
  }
}
