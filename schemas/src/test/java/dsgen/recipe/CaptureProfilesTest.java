package dsgen.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dsgen.attention.AttentionReader;
import dsgen.attention.TensorName;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class CaptureProfilesTest {
  private static final List<Integer> SD2 = List.of(64, 32, 16, 8);

  @Test
  void defaultProfileCoversEveryDefaultRecipe() {
    SortedSet<TensorName> tensors = CaptureProfiles.tensorsFor("default", SD2);
    for (String m : Recipes.methods()) {
      assertTrue(tensors.containsAll(Recipes.defaults(m, 64).requiredTensors(64)), m);
    }
    assertEquals(
        List.of(
            "ca_layers_16",
            "ca_maxnorm_16",
            "ca_mean_16",
            "ca_mean_32",
            "ca_mean_64",
            "cpa_mean_16",
            "ovam_64",
            "pcc_features",
            "sa_first_16",
            "sa_first_32",
            "sa_first_64",
            "sa_maxnorm_16",
            "sa_maxnorm_32",
            "sa_maxnorm_64",
            "sa_mean_32"),
        TensorName.spell(tensors));
  }

  @Test
  void fullProfileIsEveryTensorOfTheGoldenCapture() {
    List<String> tensors =
        TensorName.spell(CaptureProfiles.tensorsFor("full", List.of(32, 16, 8, 4)));
    // the tiny model's golden attention file was captured with profile "full"
    assertEquals(29, tensors.size(), tensors.toString());
    assertTrue(
        tensors.contains("sa_first_8") && !tensors.contains("sa_first_4"), tensors.toString());
    assertTrue(
        tensors.contains("ovam_32")
            && tensors.contains("pcc_features")
            && tensors.contains("cpa_mean_4"));
    Path golden =
        Path.of(System.getProperty("dsgen.fixtures", "../fixtures"))
            .resolve("tiny-sd2-golden/attention.safetensors");
    assertEquals(
        new TreeSet<>(AttentionReader.read(golden).tensorNames()),
        new TreeSet<>(tensors),
        "the tensors of the golden file");
  }

  @Test
  void explicitListIsCheckedAgainstTheModel() {
    assertEquals(
        List.of("ca_mean_16", "sa_mean_32"),
        TensorName.spell(CaptureProfiles.tensorsFor(" sa_mean_32, ca_mean_16 ", SD2)));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CaptureProfiles.tensorsFor("ca_mean_16,sa_mean_128", SD2));
    assertTrue(e.getMessage().contains("sa_mean_128"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> CaptureProfiles.tensorsFor("attention", SD2));
    assertTrue(e.getMessage().contains("'attention'"), e.getMessage());
  }

  @Test
  void recipesDeriveTheirProfile() {
    List<Recipe> recipes =
        List.of(Recipes.defaults("diffumask", 64), Recipes.defaults("dataset-diffusion", 64));
    assertEquals(
        "ca_mean_16,ca_mean_32,ca_mean_64,cpa_mean_16,sa_mean_32",
        CaptureProfiles.explicitProfile(CaptureProfiles.tensorsFor(recipes, 64)));
  }
}
