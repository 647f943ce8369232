package dsgen.maskstage.export;

import dsgen.records.Pair;

/**
 * One pair of a dataset with its objects, each checked against its reference's sha256.
 *
 * @param image the JPEG
 * @param mask the label PNG (palette, value = label id)
 * @param annotation the pair's {@code annotations/{imageId}.json}
 */
record FetchedPair(Pair pair, byte[] image, byte[] mask, byte[] annotation) {

  String imageId() {
    return pair.getImageId();
  }
}
