package dsgen.maskstage.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dsgen.maskstage.pair.FailureKind;
import dsgen.maskstage.pair.GenerationHandler;
import dsgen.maskstage.pair.Outcome;
import dsgen.maskstage.pair.RecipePlan;
import dsgen.maskstage.testing.MaskFixtures;
import dsgen.recipe.Recipes;
import dsgen.records.Generation;
import dsgen.records.ObjectRef;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.Test;

/**
 * Planning against the global jobs store, including what a DSL join cannot express: a stored job
 * this build cannot decode (the global store is restored from raw bytes, so it can hold one) fails
 * only its own generations.
 */
class AttachJobRecipesTest {

  private static final ObjectRef REF =
      ObjectRef.newBuilder()
          .setUri("file:/x")
          .setSha256("0".repeat(64))
          .setSizeBytes(0)
          .setContentType("x")
          .build();
  private final Generation g =
      MaskFixtures.generation("job-a", "cats", 0, "g-1", REF, REF, List.of());

  @Test
  void aKnownJobPlansItsRecipes() {
    var job =
        MaskFixtures.job("job-a", "cats", List.of(Recipes.resolve("diffumask", Map.of(), 32)));
    PlannedGeneration planned = AttachJobRecipes.plan(g, id -> ValueAndTimestamp.make(job, 0L));
    assertEquals(1, assertInstanceOf(RecipePlan.Run.class, planned.plan()).recipes().size());
  }

  @Test
  void anAbsentJobIsUnknownAndAMissingValueIsNoGeneration() {
    assertInstanceOf(RecipePlan.UnknownJob.class, AttachJobRecipes.plan(g, id -> null).plan());
    assertInstanceOf(RecipePlan.NoGeneration.class, AttachJobRecipes.plan(null, id -> null).plan());
  }

  @Test
  void anUndecodableStoredJobBecomesADeadLetterOfItsGeneration() {
    PlannedGeneration planned =
        AttachJobRecipes.plan(
            g,
            id -> {
              throw new SerializationException("unknown schema fingerprint 0x1234");
            });
    assertInstanceOf(RecipePlan.UndecodableJob.class, planned.plan());
    List<Outcome> outcomes =
        new GenerationHandler(null).handle(g, planned.plan(), id -> false, List.of());
    Outcome.Failed failed = assertInstanceOf(Outcome.Failed.class, outcomes.get(0));
    assertEquals(FailureKind.UNDECODABLE_JOB, failed.kind());
    assertTrue(
        failed.message().contains("job-a") && failed.message().contains("fingerprint"),
        failed.message());
  }
}
