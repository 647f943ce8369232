package dsgen.maskstage.topology;

/**
 * Names of the stage's meters (Prometheus: dots become underscores, counters get {@code _total}).
 */
public final class MetricNames {

  /** Counter of pairs written, tagged {@link #RECIPE}. */
  public static final String PAIRS = "dsgen.mask.pairs";

  /**
   * Counter of (image, recipe) skipped because the pair existed already, tagged {@link #RECIPE}.
   */
  public static final String DUPLICATES = "dsgen.mask.duplicates";

  /** Counter of dead letters, tagged {@link #REASON} (a failure code such as missing-tensor). */
  public static final String DEAD_LETTERS = "dsgen.mask.dead.letters";

  /** Timers of one pair's phases, tagged {@link #RECIPE}. */
  public static final String FETCH_TIME = "dsgen.mask.fetch";

  public static final String MASK_TIME = "dsgen.mask.compute";
  public static final String WRITE_TIME = "dsgen.mask.write";

  public static final String RECIPE = "recipe";
  public static final String REASON = "reason";

  private MetricNames() {}
}
