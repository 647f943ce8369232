package dsgen.producer.gallery;

import java.util.List;

/**
 * A slice of a dataset's images.
 *
 * @param items the images, newest first for a page, oldest first for changes
 * @param next the cursor of the following slice ({@code before} of the next page, {@code after} of
 *     the next changes call); null when there is nothing more
 * @param latestSeq the dataset's latest change number when the slice was read
 * @param scanned index entries read to answer (bounded, so a filter that matches little cannot make
 *     one request read a whole dataset)
 */
public record GalleryPage(List<GalleryImage> items, Long next, long latestSeq, int scanned) {}
