package dsgen.maskstage.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dsgen.masks.io.LabelPng;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./dsgen eval} on folders of label PNGs, as a user runs it. */
class EvalCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;
  private Path gt;
  private Path pred;
  private Path classes;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void folders() throws Exception {
    gt = Files.createDirectories(temp.resolve("gt"));
    pred = Files.createDirectories(temp.resolve("pred"));
    classes = Files.writeString(temp.resolve("classes.txt"), "background\ncat\ndog\n");
    Random random = new Random(3);
    for (int i = 0; i < 6; i++) {
      byte[] labels = new byte[20 * 12];
      for (int p = 0; p < labels.length; p++) {
        int r = random.nextInt(10);
        labels[p] = (byte) (r < 6 ? 0 : r < 8 ? 1 : r < 9 ? 2 : 255);
      }
      Files.write(gt.resolve("img-" + i + ".png"), LabelPng.encode(labels, 20, 12));
      Files.write(pred.resolve("img-" + i + ".png"), LabelPng.encode(labels, 20, 12));
    }
  }

  @Test
  void identicalFoldersScoreOneAndWriteTheTableJsonAndChart() throws Exception {
    assertEquals(
        0,
        eval("--pred", pred, "--gt", gt, "--classes", classes, "--out", temp.resolve("o")),
        text(err));
    assertTrue(text(out).contains("aAcc 100.00   mIoU 100.00   mAcc 100.00"), text(out));
    JsonNode metrics = JSON.readTree(temp.resolve("o/metrics.json").toFile());
    assertEquals(1.0, metrics.path("mIoU").asDouble(), 0.0);
    assertEquals(1.0, metrics.path("aAcc").asDouble(), 0.0);
    assertEquals(6, metrics.path("images").asInt());
    assertEquals(3, metrics.path("classes").size());
    for (JsonNode c : metrics.path("classes")) {
      assertEquals(1.0, c.path("iou").asDouble(), 0.0, c.toString());
    }
    BufferedImage chart = ImageIO.read(temp.resolve("o/per_class_iou.png").toFile());
    assertTrue(chart.getWidth() >= 640 && chart.getHeight() == 480);
  }

  @Test
  void aPredictionWithMistakesScoresBelowOneAndGreyPngsAreRead() throws Exception {
    // predictions as mmsegmentation writes them: 8-bit grey PNGs; all of image 0 predicted cat
    BufferedImage grey = new BufferedImage(20, 12, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < 12; y++) {
      for (int x = 0; x < 20; x++) {
        grey.getRaster().setSample(x, y, 0, 1);
      }
    }
    ImageIO.write(grey, "png", pred.resolve("img-0.png").toFile());
    assertEquals(
        0,
        eval("--pred", pred, "--gt", gt, "--classes", classes, "--out", temp.resolve("o")),
        text(err));
    JsonNode metrics = JSON.readTree(temp.resolve("o/metrics.json").toFile());
    assertTrue(metrics.path("mIoU").asDouble() < 1.0);
    JsonNode cat = metrics.path("classes").get(1);
    assertEquals("cat", cat.path("name").asText());
    assertEquals(
        cat.path("intersection").asDouble() / cat.path("union").asDouble(),
        cat.path("iou").asDouble(),
        0.0);
  }

  @Test
  void aMissingPredictionIsAnErrorNamingTheFile() throws Exception {
    Files.delete(pred.resolve("img-4.png"));
    assertEquals(1, eval("--pred", pred, "--gt", gt, "--classes", classes));
    assertTrue(text(err).contains("no prediction for 1 of 6 ground-truth files"), text(err));
    assertTrue(text(err).contains(pred.resolve("img-4.png").toString()), text(err));
  }

  @Test
  void aLabelOutsideTheClassListIsAnErrorNamingFileAndLabel() throws Exception {
    Files.writeString(classes, "background\ncat\n");
    assertEquals(1, eval("--pred", pred, "--gt", gt, "--classes", classes));
    assertTrue(text(err).contains("has label 2 at pixel"), text(err));
    assertTrue(text(err).contains("img-"), text(err));
  }

  @Test
  void withoutAClassListOrWithAWrongCommandLineItSaysWhat() throws Exception {
    assertEquals(1, eval("--pred", pred, "--gt", gt));
    assertTrue(text(err).contains("give --classes FILE"), text(err));
    assertEquals(2, eval("--pred", pred));
    assertTrue(text(err).contains("option --gt is required"), text(err));
    assertEquals(2, eval("--compare", "a-1", "--dataset", "d"));
    assertTrue(text(err).contains("--compare takes two recipe ids"), text(err));
    assertEquals(2, eval("--compare", "a-1", "b-2", "--dataset", "d", "--gt", gt));
    assertTrue(text(err).contains("--gt does not go with --compare"), text(err));
  }

  private int eval(Object... args) throws InterruptedException {
    out.reset();
    err.reset();
    String[] argv = new String[args.length];
    for (int i = 0; i < args.length; i++) {
      argv[i] = args[i].toString();
    }
    return EvalCommand.run(
        argv,
        Map.of(),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static String text(ByteArrayOutputStream s) {
    return s.toString(StandardCharsets.UTF_8);
  }
}
