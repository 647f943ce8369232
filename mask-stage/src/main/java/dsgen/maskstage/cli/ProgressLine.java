package dsgen.maskstage.cli;

import java.io.PrintStream;
import org.apache.kafka.streams.KafkaStreams;

/**
 * One progress line: redrawn in place on a terminal, printed every few seconds when piped to a
 * file.
 */
final class ProgressLine {

  private static final long PLAIN_INTERVAL_NANOS = 5_000_000_000L;

  private final PrintStream out;
  private final boolean terminal = System.console() != null;
  private final long start = System.nanoTime();
  private long lastPrinted;
  private boolean drawn;

  ProgressLine(PrintStream out) {
    this.out = out;
  }

  void show(CatchUp.Progress p, KafkaStreams.State state) {
    long now = System.nanoTime();
    if (!terminal && now - lastPrinted < PLAIN_INTERVAL_NANOS) {
      return;
    }
    lastPrinted = now;
    int width = 30;
    int filled = p.total() == 0 ? width : (int) (width * p.done() / p.total());
    String text =
        String.format(
            "replay [%s%s] %d/%d generations  %.0fs  %s",
            "#".repeat(filled),
            "-".repeat(width - filled),
            p.done(),
            p.total(),
            (now - start) / 1e9,
            state == KafkaStreams.State.RUNNING ? "" : state.name().toLowerCase());
    if (terminal) {
      out.print("\r" + text + "   ");
      drawn = true;
    } else {
      out.println(text);
    }
    out.flush();
  }

  void finish() {
    if (drawn) {
      out.println();
    }
  }
}
