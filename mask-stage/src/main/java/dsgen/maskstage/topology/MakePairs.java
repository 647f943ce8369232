package dsgen.maskstage.topology;

import static dsgen.kafka.Topics.GENERATIONS;

import dsgen.kafka.DeadLetters;
import dsgen.maskstage.pair.GenerationHandler;
import dsgen.maskstage.pair.Outcome;
import dsgen.maskstage.pair.PairMetrics;
import dsgen.records.DeadLetter;
import dsgen.records.Generation;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The {@code make-pairs} processor: for each planned generation, runs the {@link GenerationHandler}
 * and forwards a {@link dsgen.records.Pair} or a {@link DeadLetter} per recipe. The {@code
 * done-pairs} store remembers every (imageId, recipeId) that got its pair; it is written in the
 * same transaction as the pair, so a duplicate or re-delivered generation never yields a second
 * one.
 */
public final class MakePairs
    implements FixedKeyProcessorSupplier<String, PlannedGeneration, SpecificRecord> {

  public static final String STAGE = "mask-stage";

  /** (imageId, recipeId) → generationId of the pair written. */
  public static final String DONE_STORE = "done-pairs";

  private final GenerationHandler handler;
  private final PairMetrics metrics;
  private final Duration datasetClassesMaxAge;
  private final String instanceId;
  private final Clock clock;

  /**
   * @param datasetClassesMaxAge how long the classes of a dataset's jobs are reused before the jobs
   *     store is scanned again
   * @param instanceId written into dead letters' workerId so an operator knows which instance gave
   *     up
   */
  public MakePairs(
      GenerationHandler handler,
      PairMetrics metrics,
      Duration datasetClassesMaxAge,
      String instanceId,
      Clock clock) {
    this.handler = handler;
    this.metrics = metrics;
    this.datasetClassesMaxAge = datasetClassesMaxAge;
    this.instanceId = instanceId;
    this.clock = clock;
  }

  static String doneKey(String imageId, String recipeId) {
    return imageId + "/" + recipeId;
  }

  @Override
  public Set<StoreBuilder<?>> stores() {
    return Set.of(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(DONE_STORE), Serdes.String(), Serdes.String()));
  }

  @Override
  public FixedKeyProcessor<String, PlannedGeneration, SpecificRecord> get() {
    return new Processor();
  }

  private final class Processor
      implements FixedKeyProcessor<String, PlannedGeneration, SpecificRecord> {

    private FixedKeyProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, String> done;
    private DatasetClasses datasetClasses;

    @Override
    public void init(FixedKeyProcessorContext<String, SpecificRecord> context) {
      this.context = context;
      this.done = context.getStateStore(DONE_STORE);
      this.datasetClasses =
          new DatasetClasses(
              context.getStateStore(MaskTopology.JOBS_STORE), clock, datasetClassesMaxAge);
    }

    @Override
    public void process(FixedKeyRecord<String, PlannedGeneration> record) {
      Generation g = record.value().generation();
      List<Outcome> outcomes =
          handler.handle(
              g,
              record.value().plan(),
              recipeId -> done.get(doneKey(g.getImageId(), recipeId)) != null,
              g == null ? List.of() : datasetClasses.of(g.getDataset()));
      for (Outcome outcome : outcomes) {
        if (outcome instanceof Outcome.Made made) {
          done.put(
              doneKey(g.getImageId(), made.pair().getRecipe().getRecipeId()), g.getGenerationId());
          context.forward(record.withValue(made.pair()));
          metrics.pairWritten(made.pair());
        } else if (outcome instanceof Outcome.AlreadyDone skipped) {
          metrics.alreadyDone(skipped.recipeId());
        } else if (outcome instanceof Outcome.Failed failed) {
          context.forward(record.withValue(deadLetter(record.key(), g, failed)));
          metrics.deadLetter(failed.kind());
        }
      }
    }

    private DeadLetter deadLetter(String key, Generation g, Outcome.Failed failed) {
      RecordMetadata source = context.recordMetadata().orElse(null);
      DeadLetters.Builder letter =
          source == null
              ? DeadLetters.at(STAGE, GENERATIONS.name(), -1, -1)
              : DeadLetters.at(STAGE, source.topic(), source.partition(), source.offset());
      letter
          .key(key)
          .recipeId(failed.recipeId())
          .reason(failed.message())
          .errorClass(failed.kind().code())
          .workerId(instanceId)
          .occurredAt(clock.instant());
      if (g != null) {
        letter
            .jobId(g.getJobId())
            .imageId(g.getImageId())
            .payload(GENERATIONS.valueSerializer().serialize(GENERATIONS.name(), g));
      }
      return letter.build();
    }
  }
}
