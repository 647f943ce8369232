package dsgen.diffusion.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dsgen.diffusion.Fixtures;
import dsgen.diffusion.io.SafetensorsFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {
  @TempDir Path dir;

  private record Result(int status, String out, String err) {}

  private static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        GenerateCommand.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private String[] args(Path out, String... extra) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "--model",
                Fixtures.tinyModel().toString(),
                "--prompt",
                "a photo of a cat on the grass",
                "--class",
                "cat=8",
                "--class",
                "grass=3",
                "--class-prompt",
                "cat grass",
                "--descriptive-prompt",
                "a cat on the grass",
                "--seed",
                "7",
                "--steps",
                "2",
                "--guidance",
                "7.5",
                "--width",
                "64",
                "--height",
                "64",
                "--out",
                out.toString()));
    a.addAll(List.of(extra));
    return a.toArray(new String[0]);
  }

  @Test
  void sameSeedTwiceWritesIdenticalBytes() throws Exception {
    Result first = run(args(dir.resolve("a")));
    assertEquals(0, first.status(), first.err());
    Result second = run(args(dir.resolve("b")));
    assertEquals(0, second.status(), second.err());
    for (String f : List.of("image.png", "attention.safetensors", "meta.json")) {
      assertArrayEquals(
          Files.readAllBytes(dir.resolve("a").resolve(f)),
          Files.readAllBytes(dir.resolve("b").resolve(f)),
          f + " differs between two runs with the same seed");
    }
    SafetensorsFile att = SafetensorsFile.open(dir.resolve("a/attention.safetensors"), "attention");
    assertEquals("dsgen-attention/1", att.metadata().get("format"));
    assertEquals("default", att.metadata().get("capture_profile"));
    assertTrue(
        att.entries().values().stream().allMatch(e -> e.dtype().equals("F16")),
        "float16 by default");
    // default profile at R = 8 (64x64 image on the tiny model): seediff, seediff-code,
    // dataset-diffusion, diffumask, pcc
    assertEquals(
        List.of(
            "ca_layers_2",
            "ca_maxnorm_2",
            "ca_mean_2",
            "ca_mean_4",
            "ca_mean_8",
            "cpa_mean_2",
            "ovam_8",
            "pcc_features",
            "sa_first_2",
            "sa_first_4",
            "sa_first_8",
            "sa_maxnorm_2",
            "sa_maxnorm_4",
            "sa_maxnorm_8",
            "sa_mean_4"),
        att.entries().keySet().stream().sorted().toList());
    assertEquals(
        "[{\"name\":\"cat\",\"label\":8,\"prompt_tokens\":[5],\"class_prompt_tokens\":[1],"
            + "\"descriptive_tokens\":[2]},{\"name\":\"grass\",\"label\":3,\"prompt_tokens\":[8],"
            + "\"class_prompt_tokens\":[2],\"descriptive_tokens\":[5]}]",
        att.metadata().get("classes"));
    assertEquals(
        List.of(7L, 8L, 8L), Arrays.stream(att.entries().get("ovam_8").shape()).boxed().toList());
  }

  @Test
  void anotherSeedGivesAnotherImage() throws Exception {
    assertEquals(0, run(args(dir.resolve("a"), "--capture", "none")).status());
    assertEquals(0, run(args(dir.resolve("b"), "--capture", "none", "--seed", "8")).status());
    assertTrue(
        !Arrays.equals(
            Files.readAllBytes(dir.resolve("a/image.png")),
            Files.readAllBytes(dir.resolve("b/image.png"))));
  }

  @Test
  void nonSquareImagesNeedCaptureNone() throws Exception {
    Result wide = run(args(dir.resolve("w"), "--width", "128", "--capture", "none"));
    assertEquals(0, wide.status(), wide.err());
    java.awt.image.BufferedImage img =
        javax.imageio.ImageIO.read(dir.resolve("w/image.png").toFile());
    assertEquals(128, img.getWidth());
    assertEquals(64, img.getHeight());
    Result captured = run(args(dir.resolve("x"), "--width", "128"));
    assertEquals(2, captured.status());
    assertTrue(captured.err().contains("square"), captured.err());
  }

  @Test
  void badInputExitsWithStatusTwoAndOneLine() {
    Result missing = run("--model", Fixtures.tinyModel().toString(), "--prompt", "a cat");
    assertEquals(2, missing.status());
    assertTrue(missing.err().startsWith("dsgen generate: missing --seed"), missing.err());

    Result absent = run(args(dir.resolve("c"), "--class", "dog=12"));
    assertEquals(2, absent.status());
    assertEquals(1, absent.err().strip().lines().count(), absent.err());
    assertTrue(absent.err().contains("prompt: class 'dog' does not occur"), absent.err());

    Result model =
        run(
            "--model",
            dir.resolve("nothing").toString(),
            "--prompt",
            "a cat",
            "--seed",
            "1",
            "--steps",
            "1",
            "--guidance",
            "5",
            "--out",
            dir.resolve("d").toString());
    assertEquals(2, model.status());
    assertTrue(
        model.err().contains("nothing") && model.err().contains("not a directory"), model.err());

    Result steps = run(args(dir.resolve("e"), "--steps", "0"));
    assertEquals(2, steps.status());
    assertTrue(steps.err().contains("steps: must be 1..999"), steps.err());

    Result dtype = run(args(dir.resolve("f"), "--dtype", "float16"));
    assertEquals(2, dtype.status());
    assertTrue(dtype.err().contains("float16 needs a GPU"), dtype.err());
  }
}
