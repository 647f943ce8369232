package dsgen.maskstage.topology;

import dsgen.maskstage.pair.RecipePlan;
import dsgen.records.Generation;
import dsgen.records.JobSpec;
import java.util.function.Function;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The {@code attach-job-recipes} processor: looks a generation's job up in the global jobs store
 * and plans its recipes. A lookup instead of a DSL join so that nothing is dropped or crashes the
 * stream: the join skips records without a value, and a job stored in a schema this build cannot
 * read (the global store is restored from the topic's raw bytes) fails only the generations of that
 * job, as dead letters.
 */
final class AttachJobRecipes
    implements FixedKeyProcessorSupplier<String, Generation, PlannedGeneration> {

  @Override
  public FixedKeyProcessor<String, Generation, PlannedGeneration> get() {
    return new FixedKeyProcessor<>() {
      private FixedKeyProcessorContext<String, PlannedGeneration> context;
      private ReadOnlyKeyValueStore<String, ValueAndTimestamp<JobSpec>> jobs;

      @Override
      public void init(FixedKeyProcessorContext<String, PlannedGeneration> context) {
        this.context = context;
        this.jobs = context.getStateStore(MaskTopology.JOBS_STORE);
      }

      @Override
      public void process(FixedKeyRecord<String, Generation> record) {
        context.forward(record.withValue(plan(record.value(), jobs::get)));
      }
    };
  }

  /**
   * @param jobs jobId → stored job (null when absent); throws SerializationException for
   *     undecodable bytes
   */
  static PlannedGeneration plan(Generation g, Function<String, ValueAndTimestamp<JobSpec>> jobs) {
    if (g == null) {
      return new PlannedGeneration(null, new RecipePlan.NoGeneration());
    }
    ValueAndTimestamp<JobSpec> job;
    try {
      job = jobs.apply(g.getJobId());
    } catch (SerializationException e) {
      return new PlannedGeneration(g, new RecipePlan.UndecodableJob(g.getJobId(), e.getMessage()));
    }
    return RecipeSelection.FromJobs.plan(g, job == null ? null : job.value());
  }
}
