package dsgen.producer.gallery;

import dsgen.records.Pair;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Folds one dataset's pairs into the gallery's stores (see {@link GalleryIndex}). */
final class GalleryIndexer implements Processor<String, Pair, Void, Void> {
  private KeyValueStore<String, GalleryImage> order;
  private KeyValueStore<String, Long> images;
  private KeyValueStore<String, DatasetEntry> datasets;
  private KeyValueStore<String, ClassStats> stats;

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    order = context.getStateStore(GalleryIndex.ORDER);
    images = context.getStateStore(GalleryIndex.IMAGES);
    datasets = context.getStateStore(GalleryIndex.DATASETS);
    stats = context.getStateStore(GalleryIndex.CLASS_STATS);
  }

  @Override
  public void process(Record<String, Pair> record) {
    Pair pair = record.value();
    String dataset = pair.getDataset();
    String recipeId = pair.getRecipe().getRecipeId();
    DatasetEntry entry = datasets.get(dataset);
    if (entry == null) {
      entry = DatasetEntry.empty(dataset);
    }
    String imageKey = GalleryIndex.imageKey(dataset, pair.getImageId());
    Long oldSeq = images.get(imageKey);
    GalleryImage old = oldSeq == null ? null : order.get(GalleryIndex.orderKey(dataset, oldSeq));
    GalleryPair replaced = old == null ? null : old.pairs().get(recipeId);
    if (old != null) {
      order.delete(GalleryIndex.orderKey(dataset, oldSeq));
    }
    if (replaced != null) {
      count(dataset, replaced, -1);
    }
    DatasetEntry next = entry.next(old == null, replaced == null, recipeId, pair.getJobId());
    GalleryImage image =
        (old == null ? GalleryImage.first(pair) : old).with(pair, next.latestSeq());
    order.put(GalleryIndex.orderKey(dataset, next.latestSeq()), image);
    images.put(imageKey, next.latestSeq());
    count(dataset, image.pairs().get(recipeId), 1);
    datasets.put(dataset, next);
  }

  private void count(String dataset, GalleryPair pair, int sign) {
    for (Map.Entry<String, Double> c : pair.classes().entrySet()) {
      String key = GalleryIndex.statsKey(dataset, pair.recipeId(), c.getKey());
      ClassStats current = stats.get(key);
      if (current == null) {
        current = ClassStats.empty(pair.recipeId(), c.getKey());
      }
      stats.put(key, current.plus(c.getValue(), sign));
    }
  }
}
