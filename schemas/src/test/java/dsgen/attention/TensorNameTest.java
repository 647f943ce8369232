package dsgen.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TensorNameTest {
  @Test
  void familyAndResolutionSpellTheFileName() {
    assertEquals("sa_maxnorm_64", TensorName.of(TensorFamily.SA_MAXNORM, 64).toString());
    assertEquals("pcc_features", TensorName.pccFeatures().toString());
    assertEquals("ovam_32", TensorName.of(TensorFamily.OVAM, 32).toString());
  }

  @Test
  void everySpelledNameParsesBack() {
    for (TensorFamily f : TensorFamily.values()) {
      TensorName n = f.perResolution() ? TensorName.of(f, 16) : TensorName.pccFeatures();
      assertEquals(n, TensorName.parse(n.toString()));
      // every resolution a model can have, not only powers of two (a 768px SD model has R 96)
      for (int r : f.perResolution() ? new int[] {1, 2, 4, 8, 12, 32, 64, 96, 128} : new int[0]) {
        TensorName at = TensorName.of(f, r);
        assertEquals(f.prefix() + "_" + r, at.toString());
        assertEquals(at, TensorName.parse(at.toString()));
      }
    }
  }

  @Test
  void namesOutsideTheContractAreRefused() {
    assertEquals(Optional.empty(), TensorName.tryParse("sa_median_64"));
    assertEquals(Optional.empty(), TensorName.tryParse("pcc_features_64"));
    assertEquals(Optional.empty(), TensorName.tryParse("sa_mean_0"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TensorName.parse("attention"));
    assertTrue(e.getMessage().contains("'attention'"), e.getMessage());
  }

  @Test
  void setsSortByTheSpelledName() {
    assertEquals(
        List.of("ca_mean_16", "ca_mean_8", "pcc_features", "sa_mean_32"),
        TensorName.spell(
            TensorName.parseAll(List.of("sa_mean_32", "pcc_features", "ca_mean_8", "ca_mean_16"))));
  }
}
