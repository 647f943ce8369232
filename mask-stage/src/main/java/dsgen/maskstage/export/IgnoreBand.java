package dsgen.maskstage.export;

import java.util.Locale;

/** What a COCO export does with the ignore band (label 255) of the masks. */
public enum IgnoreBand {
  /**
   * One {@code iscrowd: 1} annotation per image, in the category {@code 255 ignore}: COCO's way of
   * marking pixels that neither count as an object nor as background (trainers drop crowd regions
   * from their targets, COCO evaluation does not penalise detections there).
   */
  CROWD,
  /** Left out: the band is not annotated, so a reader sees it as background. */
  OMIT;

  public static IgnoreBand parse(String text) {
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "the ignore band is 'crowd' or 'omit', not '" + text + "'", e);
    }
  }
}
