package dsgen.maskstage;

import dsgen.maskstage.dataset.DatasetWriter;
import dsgen.maskstage.dataset.JpegEncoder;
import dsgen.maskstage.dataset.LabelPngEncoder;
import dsgen.maskstage.pair.GenerationHandler;
import dsgen.maskstage.pair.MaskComputer;
import dsgen.maskstage.pair.PairMaker;
import dsgen.maskstage.pair.PairMetrics;
import dsgen.maskstage.topology.MakePairs;
import dsgen.maskstage.topology.MaskTopology;
import dsgen.maskstage.topology.RecipeSelection;
import dsgen.store.ObjectStore;
import dsgen.store.StoreRetry;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

/**
 * Assembles the mask stage from its collaborators; the service and the replay command wire it the
 * same way.
 */
public final class MaskStage {

  private MaskStage() {}

  public static MakePairs makePairs(
      ObjectStore store,
      MaskComputer masks,
      LabelPngEncoder labelPng,
      PairMetrics metrics,
      StageOptions options,
      Clock clock) {
    StoreRetry retry = new StoreRetry(options.storeRetry(), Duration.ofMillis(200));
    DatasetWriter writer =
        new DatasetWriter(store, labelPng, new JpegEncoder(options.jpegQuality()), retry);
    PairMaker maker = new PairMaker(store, masks, writer, retry, clock);
    return new MakePairs(
        new GenerationHandler(maker),
        metrics,
        options.datasetClassesMaxAge(),
        options.instanceId(),
        clock);
  }

  public static Topology topology(RecipeSelection selection, MakePairs makePairs) {
    return MaskTopology.build(new StreamsBuilder(), selection, makePairs);
  }
}
