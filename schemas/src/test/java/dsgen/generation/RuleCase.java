package dsgen.generation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of the shared generation-rule table ({@code fixtures/generation-rules/cases.tsv}): a
 * rule, a value, whether it is allowed, and for a refused value the reason every checker must give.
 * The producer's and the worker's tests read the same rows.
 */
public record RuleCase(String rule, String value, boolean accepted, String reason) {
  /** The shared table, with the model limits it was written for. */
  public record Table(ModelLimits limits, List<RuleCase> cases) {}

  public static Table read() {
    String fixtures = System.getProperty("dsgen.fixtures", "../fixtures");
    Path file = Path.of(fixtures, "generation-rules", "cases.tsv");
    try {
      ModelLimits limits = null;
      List<RuleCase> cases = new ArrayList<>();
      for (String line : Files.readAllLines(file)) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t", -1);
        if (f[0].equals("limits")) {
          limits =
              new ModelLimits(
                  Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]));
        } else if (f[2].equals("accept") && f.length == 3) {
          cases.add(new RuleCase(f[0], f[1], true, null));
        } else if (f[2].equals("refuse") && f.length == 4) {
          cases.add(new RuleCase(f[0], f[1], false, f[3]));
        } else {
          throw new IllegalStateException(file + ": bad row '" + line + "'");
        }
      }
      if (limits == null) {
        throw new IllegalStateException(file + ": no limits row");
      }
      return new Table(limits, List.copyOf(cases));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A prompt of {@code length} characters that names the class "cat" as a word. */
  public static String promptOfLength(int length) {
    String start = "a cat ";
    return start + "x".repeat(length - start.length());
  }

  @Override
  public String toString() {
    return rule + " " + value + (accepted ? " accepted" : " refused");
  }
}
