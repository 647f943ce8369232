package dsgen.maskstage.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressLineTest {

  @Test
  void theLineShowsTheBarCountsTimeAndEta() {
    assertEquals(
        "export [###############---------------] 50/100 pairs  10s  ETA 10s  ",
        ProgressLine.text("export", 50, 100, "pairs", 10.0));
    assertEquals(
        "eval [##############################] 7/7 images  2m5s  ",
        ProgressLine.text("eval", 7, 7, "images", 125.0));
  }

  @Test
  void aRunThatEndsAtOnceStaysQuietWhenPiped() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressLine line =
        new ProgressLine(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
    for (int i = 1; i <= 3; i++) {
      line.show("export", i, 3, "pairs", "");
    }
    line.finish();
    assertEquals("", bytes.toString(StandardCharsets.UTF_8));
  }
}
