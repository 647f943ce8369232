package dsgen.maskstage.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dsgen.records.ClassEntry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatasetLayoutTest {

  private static final ClassEntry CAT = ClassEntry.newBuilder().setName("cat").setLabel(8).build();
  private static final ClassEntry DOG = ClassEntry.newBuilder().setName("dog").setLabel(12).build();

  @Test
  void keysFollowTheVocLayoutUnderDatasetAndRecipe() {
    DatasetKeys keys = new DatasetKeys("pets", "diffumask-1a2b3c4d");
    assertEquals(
        "datasets/pets/diffumask-1a2b3c4d/JPEGImages/job-000001.jpg", keys.image("job-000001"));
    assertEquals(
        "datasets/pets/diffumask-1a2b3c4d/SegmentationClass/job-000001.png",
        keys.mask("job-000001"));
    assertEquals(
        "datasets/pets/diffumask-1a2b3c4d/annotations/job-000001.json",
        keys.annotation("job-000001"));
    assertEquals("datasets/pets/diffumask-1a2b3c4d/labels.json", keys.labels());
    assertEquals("datasets/pets/diffumask-1a2b3c4d/recipe.json", keys.recipe());
  }

  @Test
  void idsThatCouldLeaveTheirFolderAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new DatasetKeys("../etc", "r-1"));
    assertThrows(IllegalArgumentException.class, () -> new DatasetKeys("pets", "a/b"));
    DatasetKeys keys = new DatasetKeys("pets", "r-1");
    assertThrows(IllegalArgumentException.class, () -> keys.image(".."));
    assertThrows(IllegalArgumentException.class, () -> keys.mask(""));
  }

  @Test
  void fractionsCoverEveryPixelAndNameUnknownLabels() {
    byte[] labels = {0, 0, 8, 8, 8, (byte) 255, 12, 3};
    Map<String, Double> f = ClassFractions.of(labels, List.of(CAT, DOG));
    assertEquals(
        Map.of("background", 0.25, "cat", 0.375, "dog", 0.125, "ignore", 0.125, "label-3", 0.125),
        f);
  }

  @Test
  void labelsJsonListsTheUnionInIdOrderWithVocColours() {
    byte[] json = LabelsJson.of(List.of(DOG, CAT, CAT), new VocLabelPng()::colour);
    assertEquals(
        Map.of(0, "background", 8, "cat", 12, "dog", 255, "ignore"), LabelsJson.names(json));
    assertArrayEquals(
        json,
        LabelsJson.of(List.of(CAT, DOG), new VocLabelPng()::colour),
        "same classes, same bytes");
    assertArrayEquals(new int[] {64, 0, 0}, new VocLabelPng().colour(8));
    assertArrayEquals(new int[] {224, 224, 192}, new VocLabelPng().colour(255));
  }

  @Test
  void twoNamesOnOneLabelStayVisible() {
    ClassEntry kitten = ClassEntry.newBuilder().setName("kitten").setLabel(8).build();
    assertEquals(
        "cat|kitten",
        LabelsJson.names(LabelsJson.of(List.of(CAT, kitten), new VocLabelPng()::colour)).get(8));
  }
}
