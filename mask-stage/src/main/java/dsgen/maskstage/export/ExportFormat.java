package dsgen.maskstage.export;

import java.util.Locale;

/** The folder layouts {@code ./dsgen export} writes. */
public enum ExportFormat {
  /** Pascal VOC: JPEGImages/, SegmentationClass/ (palette PNGs), ImageSets/Segmentation/. */
  VOC,
  /** COCO "instances": images/, annotations/instances_{train,val}.json with RLE masks. */
  COCO;

  public static ExportFormat parse(String text) {
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the format is 'voc' or 'coco', not '" + text + "'", e);
    }
  }
}
