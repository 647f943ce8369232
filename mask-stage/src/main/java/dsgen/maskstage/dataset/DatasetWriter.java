package dsgen.maskstage.dataset;

import dsgen.maskstage.pair.MaskedImage;
import dsgen.recipe.Recipe;
import dsgen.records.ClassEntry;
import dsgen.records.Generation;
import dsgen.records.MaskTimings;
import dsgen.records.ObjectRef;
import dsgen.store.ObjectStore;
import dsgen.store.StoreRetry;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a pair's objects into its dataset folder (layout: {@link DatasetKeys}) and keeps the
 * folder's {@code recipe.json} and {@code labels.json} current. Knows nothing of masks beyond a
 * label map and pixels. Thread-safe: stream threads share one writer.
 */
public final class DatasetWriter {

  public static final String JPEG = "image/jpeg";
  public static final String PNG = "image/png";
  public static final String JSON = "application/json";

  private final ObjectStore store;
  private final LabelPngEncoder labelPng;
  private final JpegEncoder jpeg;
  private final StoreRetry retry;

  /**
   * Last folder files written by this process, so they are rewritten only when their content
   * changes.
   */
  private final Map<String, byte[]> folderFilesWritten = new ConcurrentHashMap<>();

  public DatasetWriter(
      ObjectStore store, LabelPngEncoder labelPng, JpegEncoder jpeg, StoreRetry retry) {
    this.store = store;
    this.labelPng = labelPng;
    this.jpeg = jpeg;
    this.retry = retry;
  }

  /** The image of a pair as {@code JPEGImages/} stores it. */
  public byte[] jpeg(MaskedImage masked) {
    return jpeg.encode(masked.width(), masked.height(), masked.pixels());
  }

  /**
   * Writes image, mask and annotation (in that order, so an annotation never points at a missing
   * file), then the folder files. The caller publishes the pair only after this returns.
   *
   * @param jpg the pair's image as {@link #jpeg} encodes it (the same for every recipe of a
   *     generation)
   * @param timings fetch and mask time, recorded in the annotation
   * @param datasetClasses every class known for the dataset; labels.json lists their union
   */
  public PairObjects write(
      DatasetKeys keys,
      Generation g,
      Recipe recipe,
      MaskedImage masked,
      byte[] jpg,
      Map<String, Double> classFractions,
      MaskTimings timings,
      Collection<ClassEntry> datasetClasses) {
    long start = System.nanoTime();
    String imageId = g.getImageId();
    Map<String, String> metadata = metadata(g, recipe);

    ObjectRef image = put(keys.image(imageId), jpg, JPEG, metadata);
    byte[] png = labelPng.encode(masked.width(), masked.height(), masked.labels());
    ObjectRef mask = put(keys.mask(imageId), png, PNG, metadata);

    MaskTimings soFar =
        MaskTimings.newBuilder(timings).setWriteMs((System.nanoTime() - start) / 1_000_000).build();
    byte[] annotationJson = AnnotationJson.of(g, recipe.toRef(), keys, classFractions, soFar);
    ObjectRef annotation = put(keys.annotation(imageId), annotationJson, JSON, metadata);

    writeFolderFile(keys.recipe(), recipe.canonicalJson().getBytes(StandardCharsets.UTF_8), recipe);
    writeFolderFile(keys.labels(), LabelsJson.of(datasetClasses, labelPng::colour), recipe);
    return new PairObjects(image, mask, annotation, (System.nanoTime() - start) / 1_000_000);
  }

  private void writeFolderFile(String key, byte[] content, Recipe recipe) {
    byte[] previous = folderFilesWritten.get(key);
    if (previous != null && Arrays.equals(previous, content)) {
      return;
    }
    put(key, content, JSON, Map.of("recipe-id", recipe.recipeId()));
    folderFilesWritten.put(key, content);
  }

  private ObjectRef put(
      String key, byte[] bytes, String contentType, Map<String, String> metadata) {
    return retry.call(() -> store.put(key, bytes, contentType, metadata));
  }

  /**
   * Provenance in the object metadata, so an object found alone still says where it came from. S3
   * user metadata takes lower-case keys and printable ASCII values only.
   */
  private static Map<String, String> metadata(Generation g, Recipe recipe) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("image-id", g.getImageId());
    m.put("job-id", ascii(g.getJobId()));
    m.put("generation-id", ascii(g.getGenerationId()));
    m.put("recipe-id", recipe.recipeId());
    m.put("seed", Long.toString(g.getSeed()));
    m.put("model", ascii(g.getModelId()));
    return m;
  }

  /** Printable ASCII, at most 200 characters: S3 allows 2 KiB of metadata per object in all. */
  private static String ascii(String text) {
    String printable = text.replaceAll("[^\\x20-\\x7e]", "?");
    return printable.length() <= 200 ? printable : printable.substring(0, 200);
  }
}
