package dsgen.maskstage.export;

import java.io.IOException;

/** The format-specific part of an export: where each pair's files go, and the index files. */
interface FolderWriter {

  void add(FetchedPair pair, Split split) throws IOException;

  /**
   * Writes what lists the pairs (split files, COCO instances) once every pair was added.
   *
   * @param labelsJson the export's {@code labels.json}
   */
  void finish(byte[] labelsJson) throws IOException;
}
