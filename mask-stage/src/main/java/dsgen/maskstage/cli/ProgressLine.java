package dsgen.maskstage.cli;

import java.io.PrintStream;
import org.apache.kafka.streams.KafkaStreams;

/**
 * One progress line: redrawn in place on a terminal, printed every few seconds when piped to a
 * file. A run that ends within its first second or two prints nothing, so small jobs stay quiet.
 */
final class ProgressLine {

  private static final long TERMINAL_DELAY_NANOS = 300_000_000L;
  private static final long TERMINAL_INTERVAL_NANOS = 100_000_000L;
  private static final long PLAIN_DELAY_NANOS = 2_000_000_000L;
  private static final long PLAIN_INTERVAL_NANOS = 5_000_000_000L;
  private static final int WIDTH = 30;

  private final PrintStream out;
  private final boolean terminal;
  private final long start = System.nanoTime();
  private long lastPrinted;
  private boolean printed;

  ProgressLine(PrintStream out) {
    this(out, System.console() != null);
  }

  ProgressLine(PrintStream out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  void show(CatchUp.Progress p, KafkaStreams.State state) {
    show(
        "replay",
        p.done(),
        p.total(),
        "generations",
        state == KafkaStreams.State.RUNNING ? "" : state.name().toLowerCase());
  }

  /**
   * @param what the command, at the start of the line
   * @param unit what is counted, e.g. {@code pairs}
   * @param note appended as it is (a state), may be empty
   */
  void show(String what, long done, long total, String unit, String note) {
    long now = System.nanoTime();
    if (!due(now, done >= total)) {
      return;
    }
    lastPrinted = now;
    printed = true;
    String text = text(what, done, total, unit, (now - start) / 1e9) + note;
    if (terminal) {
      out.print("\r" + text + "   ");
    } else {
      out.println(text);
    }
    out.flush();
  }

  /** Ends the line a terminal redraws. */
  void finish() {
    if (printed && terminal) {
      out.println();
    }
  }

  private boolean due(long now, boolean last) {
    long delay = terminal ? TERMINAL_DELAY_NANOS : PLAIN_DELAY_NANOS;
    long interval = terminal ? TERMINAL_INTERVAL_NANOS : PLAIN_INTERVAL_NANOS;
    if (!printed) {
      return now - start >= delay;
    }
    return last || now - lastPrinted >= interval;
  }

  static String text(String what, long done, long total, String unit, double seconds) {
    int filled = total <= 0 ? WIDTH : (int) Math.min(WIDTH, WIDTH * done / total);
    String eta = "";
    if (done > 0 && done < total) {
      eta = String.format("  ETA %s", duration(seconds * (total - done) / done));
    }
    return String.format(
        "%s [%s%s] %d/%d %s  %s%s  ",
        what,
        "#".repeat(filled),
        "-".repeat(WIDTH - filled),
        done,
        total,
        unit,
        duration(seconds),
        eta);
  }

  private static String duration(double seconds) {
    long s = Math.round(seconds);
    return s < 60
        ? s + "s"
        : s < 3600 ? (s / 60) + "m" + (s % 60) + "s" : (s / 3600) + "h" + (s % 3600 / 60) + "m";
  }
}
