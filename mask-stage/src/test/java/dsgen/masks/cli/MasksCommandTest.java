package dsgen.masks.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dsgen.masks.conformance.FixtureCase;
import dsgen.masks.conformance.MaskComparison;
import dsgen.masks.io.LabelPng;
import dsgen.masks.io.Npy;
import dsgen.recipe.Recipes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class MasksCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        MasksCommand.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private String[] args(FixtureCase c, String method, Path out, String... params) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "--attention",
                c.attentionPath().toString(),
                "--image",
                c.imagePath().toString(),
                "--recipe",
                method,
                "--out",
                out.toString()));
    for (String p : params) {
      a.add("--param");
      a.add(p);
    }
    return a.toArray(String[]::new);
  }

  /**
   * The files the command writes read back to the fixture's expected outputs (compare_masks.py's
   * checks).
   */
  @Test
  void writesSoftLabelsOverlayAndRecipeThatMatchTheFixture() throws IOException {
    FixtureCase c = FixtureCase.named("blobs-2class");
    Path out = tmp.resolve("dd");
    Run r = run(args(c, "dataset-diffusion", out, "tau=4", "threshold=0.6"));
    assertEquals(0, r.code(), r.err());
    FixtureCase.Expected e = c.expected("dataset-diffusion");
    Npy.Array soft = Npy.read(Files.readAllBytes(out.resolve("soft.npy")));
    assertEquals(List.of(2, 256, 256), List.of(soft.shape()[0], soft.shape()[1], soft.shape()[2]));
    double worst = 0;
    for (int i = 0; i < soft.data().length; i++) {
      worst = Math.max(worst, Math.abs(soft.data()[i] - e.soft().data()[i]));
    }
    assertTrue(worst <= MaskComparison.SOFT_TOLERANCE, "soft.npy max |diff| " + worst);
    FixtureCase.LabelMap labels = FixtureCase.LabelMap.read(out.resolve("labels.png"));
    int bad = 0;
    for (int i = 0; i < labels.values().length; i++) {
      bad += labels.values()[i] != e.labels().values()[i] ? 1 : 0;
    }
    assertEquals(0, bad, "labels.png pixels differing from the fixture");
    assertEquals(
        JSON.readTree(e.recipe().canonicalJson()),
        JSON.readTree(Files.readString(out.resolve("recipe.json"))));
    assertTrue(Files.size(out.resolve("overlay.png")) > 0);
    assertTrue(r.out().contains(Recipes.defaults("dataset-diffusion", 32).recipeId()), r.out());
  }

  @Test
  void labelPngUsesTheVocPalette() {
    assertEquals(0x000000, LabelPng.colour(0));
    assertEquals(0x800000, LabelPng.colour(1));
    assertEquals(0x008000, LabelPng.colour(2));
    assertEquals(0xC08000, LabelPng.colour(11));
    assertEquals(0xE0E0C0, LabelPng.colour(255));
  }

  @Test
  void unknownMethodExitsTwoNamingIt() {
    Run r = run(args(FixtureCase.named("blobs-1class"), "seedif", tmp.resolve("x")));
    assertBadInput(r, "unknown recipe method 'seedif'");
  }

  @Test
  void badParameterExitsTwoNamingIt() {
    FixtureCase c = FixtureCase.named("blobs-1class");
    assertBadInput(
        run(args(c, "seediff", tmp.resolve("x"), "alfa=0.2")), "unknown parameter 'alfa'");
    assertBadInput(run(args(c, "seediff", tmp.resolve("x"), "beta=2")), "beta = 2 is out of range");
    assertBadInput(
        run(args(c, "seediff", tmp.resolve("x"), "res=8,16,64")), "resolution 64 is not available");
    assertBadInput(run(args(c, "seediff", tmp.resolve("x"), "beta")), "expected key=value");
  }

  @Test
  void missingTensorExitsTwoNamingRecipeAndTensor() {
    // the tiny model has no up-block self-attention at its smallest resolution, so sa_first_4 is
    // never captured
    Run r =
        run(
            args(
                FixtureCase.named("tiny-cat"),
                "seediff-code",
                tmp.resolve("x"),
                "res=4,8",
                "pamr=false"));
    assertBadInput(r, "needs sa_first_4, not captured");
    String recipeId =
        Recipes.resolve("seediff-code", Map.of("res", "4,8", "pamr", "false"), 32).recipeId();
    assertBadInput(r, "recipe " + recipeId + " needs sa_first_4");
  }

  @Test
  void missingFilesAndOptionsExitTwo() {
    assertBadInput(
        run(
            "--attention",
            "nope.safetensors",
            "--image",
            "x.png",
            "--recipe",
            "seediff",
            "--out",
            tmp.toString()),
        "nope.safetensors does not exist");
    assertBadInput(run("--recipe", "seediff"), "missing --attention");
  }

  @Test
  void anOutThatIsAnExistingFileExitsTwoSayingSo() throws IOException {
    Path file = Files.writeString(tmp.resolve("taken.txt"), "x");
    assertBadInput(
        run(args(FixtureCase.named("blobs-1class"), "seediff", file)),
        "--out " + file + " is an existing file");
  }

  @Test
  void imageThatDoesNotFitTheAttentionExitsTwo() throws IOException {
    FixtureCase c = FixtureCase.named("blobs-1class");
    Path small = tmp.resolve("small.png");
    java.awt.image.BufferedImage img =
        new java.awt.image.BufferedImage(100, 100, java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
    javax.imageio.ImageIO.write(img, "png", small.toFile());
    Run r =
        run(
            "--attention",
            c.attentionPath().toString(),
            "--image",
            small.toString(),
            "--recipe",
            "diffumask",
            "--out",
            tmp.resolve("x").toString());
    assertBadInput(r, "image side 100 is not a multiple of the top attention resolution 32");
  }

  @Test
  void corruptAttentionFileExitsTwo() throws IOException {
    Path bad = tmp.resolve("bad.safetensors");
    Files.write(bad, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
    FixtureCase c = FixtureCase.named("blobs-1class");
    Run r =
        run(
            "--attention",
            bad.toString(),
            "--image",
            c.imagePath().toString(),
            "--recipe",
            "diffumask",
            "--out",
            tmp.resolve("x").toString());
    assertBadInput(r, "not a safetensors file");
  }

  private static void assertBadInput(Run r, String text) {
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains(text), r.err());
    assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
  }
}
