package dsgen.maskstage.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dsgen.masks.io.LabelPng;
import dsgen.maskstage.dataset.LabelsJson;
import dsgen.maskstage.dataset.VocLabelPng;
import dsgen.records.Pair;
import dsgen.store.LocalObjectStore;
import dsgen.store.ObjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The VOC export in the layout torchvision's {@code VOCSegmentation} and mmsegmentation's {@code
 * PascalVOCDataset} open: JPEGImages/{id}.jpg, SegmentationClass/{id}.png (palette PNG, value =
 * label), ImageSets/Segmentation/{train,val,trainval}.txt; splits that never move an image as the
 * dataset grows.
 */
class VocExportTest {

  @TempDir Path temp;

  @Test
  void writesTheVocLayoutWithTrainValAndTrainvalLists() throws Exception {
    try (ObjectStore store = new LocalObjectStore(temp.resolve("store"))) {
      SyntheticDataset d = SyntheticDataset.write(store, "voc-job", 20, 7);
      Path out = temp.resolve("voc");
      DatasetExport.Summary summary = export(store, d.pairs, out, 0.3);

      List<String> train = lines(out.resolve("ImageSets/Segmentation/train.txt"));
      List<String> val = lines(out.resolve("ImageSets/Segmentation/val.txt"));
      List<String> trainval = lines(out.resolve("ImageSets/Segmentation/trainval.txt"));
      assertEquals(List.copyOf(d.pairs.keySet()), trainval, "trainval = every image, sorted");
      List<String> both = new ArrayList<>(train);
      both.addAll(val);
      assertEquals(trainval, both.stream().sorted().toList(), "train and val partition it");
      assertEquals(summary.perSplit().get(Split.VAL), val.size());
      assertTrue(!val.isEmpty() && !train.isEmpty(), "both splits exercised");
      for (String id : val) {
        assertEquals(Split.VAL, Split.of(id, 0.3));
      }
      for (String id : trainval) {
        assertTrue(Files.size(out.resolve("JPEGImages/" + id + ".jpg")) > 0);
        int[] size = new int[2];
        int[] labels =
            LabelPng.decode(
                Files.readAllBytes(out.resolve("SegmentationClass/" + id + ".png")), size);
        assertArrayEquals(d.labels.get(id), labels, "the PNG holds label ids");
        assertTrue(Files.size(out.resolve("annotations/" + id + ".json")) > 0);
      }
      assertEquals(
          Map.of(0, "background", 8, "cat", 12, "dog", 255, "ignore"),
          LabelsJson.names(Files.readAllBytes(out.resolve("labels.json"))));
      assertEquals(
          SyntheticDataset.RECIPE.canonicalJson(), Files.readString(out.resolve("recipe.json")));
    }
  }

  @Test
  void anImageKeepsItsSplitWhenTheDatasetGrows() throws Exception {
    try (ObjectStore store = new LocalObjectStore(temp.resolve("store"))) {
      SyntheticDataset d = SyntheticDataset.write(store, "grow-job", 30, 9);
      SortedMap<String, Pair> first =
          new TreeMap<>(
              d.pairs.headMap(d.pairs.keySet().stream().skip(12).findFirst().orElseThrow()));
      export(store, first, temp.resolve("small"), 0.2);
      export(store, d.pairs, temp.resolve("large"), 0.2);
      List<String> smallVal = lines(temp.resolve("small/ImageSets/Segmentation/val.txt"));
      List<String> largeVal = lines(temp.resolve("large/ImageSets/Segmentation/val.txt"));
      List<String> largeTrain = lines(temp.resolve("large/ImageSets/Segmentation/train.txt"));
      assertTrue(largeVal.containsAll(smallVal), "old val images stay in val");
      for (String id : lines(temp.resolve("small/ImageSets/Segmentation/train.txt"))) {
        assertTrue(largeTrain.contains(id), id + " stays in train");
      }
    }
  }

  @Test
  void withoutAValidationFractionEverythingIsTraining() throws Exception {
    try (ObjectStore store = new LocalObjectStore(temp.resolve("store"))) {
      SyntheticDataset d = SyntheticDataset.write(store, "all-job", 5, 1);
      Path out = temp.resolve("voc");
      export(store, d.pairs, out, 0);
      assertEquals(
          List.copyOf(d.pairs.keySet()), lines(out.resolve("ImageSets/Segmentation/train.txt")));
      assertEquals(List.of(), lines(out.resolve("ImageSets/Segmentation/val.txt")));
    }
  }

  private static DatasetExport.Summary export(
      ObjectStore store, SortedMap<String, Pair> pairs, Path out, double fraction) {
    return new DatasetExport(store, new VocLabelPng())
        .write(
            pairs,
            out,
            new DatasetExport.Options(ExportFormat.VOC, fraction, IgnoreBand.CROWD),
            n -> {});
  }

  private static List<String> lines(Path file) throws Exception {
    return Files.readAllLines(file).stream().filter(l -> !l.isEmpty()).toList();
  }
}
