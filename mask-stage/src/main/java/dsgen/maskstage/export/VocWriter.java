package dsgen.maskstage.export;

import dsgen.maskstage.dataset.DatasetKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Pascal VOC layout, as mmsegmentation's {@code PascalVOCDataset} and torchvision's {@code
 * VOCSegmentation} read it: {@code JPEGImages/{id}.jpg}, {@code SegmentationClass/{id}.png} (the
 * dataset's palette PNGs, unchanged), {@code ImageSets/Segmentation/{train,val,trainval}.txt} (one
 * imageId a line), plus the dataset's per-image {@code annotations/{id}.json}.
 */
final class VocWriter implements FolderWriter {

  static final String SPLITS_DIR = "ImageSets/Segmentation";
  static final String TRAINVAL = "trainval";

  private final Path out;
  private final Map<Split, List<String>> ids = new EnumMap<>(Split.class);

  VocWriter(Path out) throws IOException {
    this.out = out;
    for (String dir :
        List.of(DatasetKeys.IMAGES, DatasetKeys.MASKS, DatasetKeys.ANNOTATIONS, SPLITS_DIR)) {
      Files.createDirectories(out.resolve(dir));
    }
    for (Split s : Split.values()) {
      ids.put(s, new ArrayList<>());
    }
  }

  @Override
  public void add(FetchedPair p, Split split) throws IOException {
    String id = DatasetKeys.requireSegment("imageId", p.imageId());
    Files.write(out.resolve(DatasetKeys.IMAGES).resolve(id + ".jpg"), p.image());
    Files.write(out.resolve(DatasetKeys.MASKS).resolve(id + ".png"), p.mask());
    Files.write(out.resolve(DatasetKeys.ANNOTATIONS).resolve(id + ".json"), p.annotation());
    ids.get(split).add(id);
  }

  @Override
  public void finish(byte[] labelsJson) throws IOException {
    Path sets = out.resolve(SPLITS_DIR);
    List<String> all = new ArrayList<>();
    for (Split s : Split.values()) {
      writeList(sets.resolve(s.fileName() + ".txt"), ids.get(s));
      all.addAll(ids.get(s));
    }
    writeList(sets.resolve(TRAINVAL + ".txt"), all.stream().sorted().toList());
  }

  private static void writeList(Path file, List<String> ids) throws IOException {
    StringBuilder text = new StringBuilder();
    ids.forEach(id -> text.append(id).append('\n'));
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
