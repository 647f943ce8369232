package dsgen.maskstage.topology;

import static dsgen.kafka.Topics.DEAD_LETTERS;
import static dsgen.kafka.Topics.GENERATIONS;
import static dsgen.kafka.Topics.JOBS;
import static dsgen.kafka.Topics.PAIRS;

import dsgen.records.DeadLetter;
import dsgen.records.Generation;
import dsgen.records.JobSpec;
import dsgen.records.Pair;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The mask stage: generations → (recipes of the job, or of a replay) → pairs and dead letters.
 *
 * <pre>
 * dsgen.jobs ──▶ jobs (global table)
 * dsgen.generations ─▶ attach-job-recipes [reads jobs] | replay-filter ▶ attach-replay-recipes
 *                    ─▶ make-pairs [done-pairs store] ─▶ route-pairs ─▶ dsgen.pairs
 *                                                    └▶ route-dead-letters ─▶ dsgen.dead-letters
 * </pre>
 *
 * Everything with side effects (object store, mask computation, metrics) sits in the injected
 * {@link MakePairs}.
 */
public final class MaskTopology {

  /** Global store of the jobs topic: a generation's recipes, and the classes of a dataset. */
  public static final String JOBS_STORE = "jobs";

  private MaskTopology() {}

  public static Topology build(
      StreamsBuilder builder, RecipeSelection selection, MakePairs makePairs) {
    builder.globalTable(
        JOBS.name(),
        Consumed.with(JOBS.keySerde(), JOBS.valueSerde()).withName("jobs"),
        Materialized.<String, JobSpec, KeyValueStore<Bytes, byte[]>>as(JOBS_STORE)
            .withKeySerde(JOBS.keySerde())
            .withValueSerde(JOBS.valueSerde()));
    KStream<String, Generation> generations =
        builder.stream(
            GENERATIONS.name(),
            Consumed.with(GENERATIONS.keySerde(), GENERATIONS.valueSerde())
                .withName("generations"));

    KStream<String, PlannedGeneration> planned;
    if (selection instanceof RecipeSelection.Replay replay) {
      planned =
          generations
              .filter(replay::selects, Named.as("replay-filter"))
              .mapValues(replay::plan, Named.as("attach-replay-recipes"));
    } else {
      planned = generations.processValues(new AttachJobRecipes(), Named.as("attach-job-recipes"));
    }

    KStream<String, SpecificRecord> made = planned.processValues(makePairs, Named.as("make-pairs"));
    if (selection instanceof RecipeSelection.Replay replay) {
      made = made.mapValues(replay::stamp, Named.as("stamp-replay-id"));
    }
    made.split(Named.as("route-"))
        .branch(
            (imageId, out) -> out instanceof Pair,
            Branched.withConsumer(
                pairs ->
                    pairs
                        .mapValues(out -> (Pair) out, Named.as("as-pair"))
                        .to(
                            PAIRS.name(),
                            Produced.with(PAIRS.keySerde(), PAIRS.valueSerde()).withName("pairs")),
                "pairs"))
        .defaultBranch(
            Branched.withConsumer(
                letters ->
                    letters
                        .mapValues(out -> (DeadLetter) out, Named.as("as-dead-letter"))
                        .to(
                            DEAD_LETTERS.name(),
                            Produced.with(DEAD_LETTERS.keySerde(), DEAD_LETTERS.valueSerde())
                                .withName("dead-letters")),
                "dead-letters"));
    return builder.build();
  }
}
