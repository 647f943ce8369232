package dsgen.producer.gallery;

import dsgen.kafka.Topics;
import dsgen.producer.tracker.JsonSerde;
import dsgen.records.Pair;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The gallery's index of dsgen.pairs, part of the tracker's topology: pairs are re-keyed by dataset
 * (so one task numbers a dataset's changes in one sequence) and folded into four stores:
 *
 * <ul>
 *   <li>{@link #ORDER}: {@code dataset/seq} (16 hex digits) → the image with all its pairs; an
 *       image moves to a new seq whenever one of its pairs arrives, so a range scan after a cursor
 *       yields exactly what changed, and a reverse scan pages newest first;
 *   <li>{@link #IMAGES}: {@code dataset/imageId} → the image's current seq;
 *   <li>{@link #DATASETS}: {@code dataset} → counts, recipes, jobs and the latest seq;
 *   <li>{@link #CLASS_STATS}: {@code dataset/recipeId/class} → per-class image count, mean pixel
 *       fraction and histogram; a replaced pair's contribution is taken out before the new one's
 *       goes in, so redelivered pairs do not count twice.
 * </ul>
 */
public final class GalleryIndex {
  public static final String ORDER = "gallery-order";
  public static final String IMAGES = "gallery-images";
  public static final String DATASETS = "gallery-datasets";
  public static final String CLASS_STATS = "gallery-class-stats";

  private static final Serde<String> STRING = Serdes.String();

  private GalleryIndex() {}

  public static void addTo(StreamsBuilder builder, KStream<String, Pair> pairs) {
    builder.addStateStore(store(ORDER, JsonSerde.of(GalleryImage.class)));
    builder.addStateStore(store(IMAGES, Serdes.Long()));
    builder.addStateStore(store(DATASETS, JsonSerde.of(DatasetEntry.class)));
    builder.addStateStore(store(CLASS_STATS, JsonSerde.of(ClassStats.class)));
    pairs
        .filter((key, p) -> p != null, Named.as("gallery-pairs"))
        .selectKey((key, p) -> p.getDataset(), Named.as("gallery-dataset-key"))
        .repartition(
            Repartitioned.<String, Pair>as("gallery-by-dataset")
                .withKeySerde(STRING)
                .withValueSerde(Topics.PAIRS.valueSerde()))
        .process(
            GalleryIndexer::new, Named.as("gallery-index"), ORDER, IMAGES, DATASETS, CLASS_STATS);
  }

  static String orderKey(String dataset, long seq) {
    return dataset + "/" + String.format("%016x", seq);
  }

  static String imageKey(String dataset, String imageId) {
    return dataset + "/" + imageId;
  }

  static String statsKey(String dataset, String recipeId, String className) {
    return dataset + "/" + recipeId + "/" + className;
  }

  private static <V> org.apache.kafka.streams.state.StoreBuilder<?> store(
      String name, Serde<V> valueSerde) {
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), STRING, valueSerde);
  }
}
