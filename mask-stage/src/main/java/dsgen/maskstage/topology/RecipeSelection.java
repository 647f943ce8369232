package dsgen.maskstage.topology;

import dsgen.maskstage.pair.RecipePlan;
import dsgen.maskstage.pair.RecipeRequest;
import dsgen.records.Generation;
import dsgen.records.JobSpec;
import java.util.List;
import java.util.Optional;

/**
 * Where the recipes of a generation come from: its job (the service), or a fixed set (a replay).
 */
public sealed interface RecipeSelection {

  /** The recipes of the generation's job, looked up on the compacted jobs topic. */
  record FromJobs() implements RecipeSelection {

    /** The plan for a generation and its job ({@code null} when the job is unknown). */
    public static PlannedGeneration plan(Generation g, JobSpec job) {
      if (job == null) {
        return new PlannedGeneration(g, new RecipePlan.UnknownJob(g.getJobId()));
      }
      List<RecipeRequest> recipes =
          job.getRecipes().stream().<RecipeRequest>map(RecipeRequest.Stored::new).toList();
      return new PlannedGeneration(g, new RecipePlan.Run(recipes));
    }
  }

  /**
   * A replay: the same recipes for every generation, optionally only those of one job and/or one
   * dataset.
   */
  record Replay(List<RecipeRequest.Spec> recipes, Optional<String> jobId, Optional<String> dataset)
      implements RecipeSelection {

    public Replay {
      if (recipes.isEmpty()) {
        throw new IllegalArgumentException("a replay needs at least one recipe");
      }
      recipes = List.copyOf(recipes);
    }

    /**
     * Whether a generation is in the replay's scope; records without a value are kept, to be
     * dead-lettered.
     */
    public boolean selects(String imageId, Generation g) {
      return g == null
          || jobId.map(g.getJobId()::equals).orElse(true)
              && dataset.map(g.getDataset()::equals).orElse(true);
    }

    /** Application ids (and so replay ids) of replays start with this. */
    public static final String ID_PREFIX = "dsgen-replay-";

    /**
     * {@code dsgen-replay-<method>-<8 hex>}: the replay's id, also its Kafka Streams application
     * id. The hash covers the method, the given parameters and the filters, so the same replay
     * resumes its own progress and a different one starts from the beginning. Its pairs and dead
     * letters carry it, so they never count against the job they replay.
     */
    public String id() {
      RecipeRequest.Spec spec = recipes.get(0);
      String identity =
          spec.method()
              + "|"
              + new java.util.TreeMap<>(spec.params())
              + "|job="
              + jobId.orElse("")
              + "|dataset="
              + dataset.orElse("");
      try {
        byte[] digest =
            java.security.MessageDigest.getInstance("SHA-256")
                .digest(identity.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return ID_PREFIX
            + spec.method()
            + "-"
            + java.util.HexFormat.of().formatHex(digest).substring(0, 8);
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException("the JDK has no SHA-256", e);
      }
    }

    /** The replay's output, stamped with its id. */
    public org.apache.avro.specific.SpecificRecord stamp(
        org.apache.avro.specific.SpecificRecord out) {
      if (out instanceof dsgen.records.Pair p) {
        p.setReplayId(id());
      } else if (out instanceof dsgen.records.DeadLetter d) {
        d.setReplayId(id());
      }
      return out;
    }

    public PlannedGeneration plan(Generation g) {
      if (g == null) {
        return new PlannedGeneration(null, new RecipePlan.NoGeneration());
      }
      return new PlannedGeneration(g, new RecipePlan.Run(List.copyOf(recipes)));
    }
  }
}
